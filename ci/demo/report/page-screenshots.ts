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
}

// The guestbook page is ready when it shows entries, its error, or its empty state; a report page is ready at once.
const READY = 'ol.entries > li.entry, .list-error, .list-status, body > header';

async function shoot(browser: Browser, shot: PageShot): Promise<void> {
  const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(shot.url, { waitUntil: 'networkidle' });
    await page.locator(READY).first().waitFor({ timeout: 20_000 });
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: shot.path, fullPage: shot.fullPage ?? false });
  } finally {
    await context.close();
  }
}

/** Takes each screenshot in Chromium, one browser for all of them. */
export async function takeScreenshots(shots: PageShot[]): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (const shot of shots) await shoot(browser, shot);
  } finally {
    await browser.close();
  }
}
