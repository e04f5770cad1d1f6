import { chromium, type Browser } from '@playwright/test';

// Debian's Chromium, with the flags that keep it off a closed network (Playwright's own browser is not downloaded).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageShot {
  url: string;
  /** Where the PNG goes. */
  path: string;
  width: number;
  height: number;
  /** The whole page rather than the first screen. */
  fullPage?: boolean;
  /** What must be on the page before it is taken; the guestbook's entries, error or empty state unless given. */
  ready?: string;
}

// The guestbook page is ready when it shows entries, its error, or its empty state (not "Loading entries…").
const GUESTBOOK_READY = 'ol.entries > li.entry, .list-error, .list-status:not([role="status"])';

/** What the guestbook page showed when it was taken: how many entries, and its error message if any. */
export interface PageSeen {
  entries: number;
  error: string | null;
}

async function shoot(browser: Browser, shot: PageShot): Promise<PageSeen> {
  const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(shot.url, { waitUntil: 'networkidle' });
    await page
      .locator(shot.ready ?? GUESTBOOK_READY)
      .first()
      .waitFor({ timeout: 20_000 });
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: shot.path, fullPage: shot.fullPage ?? false });
    const error = page.locator('.list-error p');
    return {
      entries: await page.locator('ol.entries > li.entry').count(),
      error: (await error.count()) ? await error.first().innerText() : null,
    };
  } finally {
    await context.close();
  }
}

export const launchChromium = () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** Takes each screenshot in Chromium, one browser for all of them, and says what each page showed. */
export async function takeScreenshots(shots: PageShot[]): Promise<PageSeen[]> {
  const browser = await launchChromium();
  try {
    const seen: PageSeen[] = [];
    for (const shot of shots) seen.push(await shoot(browser, shot));
    return seen;
  } finally {
    await browser.close();
  }
}
