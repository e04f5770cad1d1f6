import type { Browser, Page } from '@playwright/test';

export type Timing = {
  run: string;
  firstEntryMs: number;
  wallMs: number;
  documentMs: number;
  scriptMs: number;
  apiMs: number;
};

// These run in the page. The CSP forbids eval, so they are functions (serialised by Playwright), not strings; the
// page's globals are declared here because this package is type-checked without the DOM library.
declare const document: { querySelector(selector: string): unknown };
type Timings = { getEntriesByType(type: 'navigation'): { responseEnd: number }[] };

/** In-page clock (0 = navigation start) at the first animation frame where an entry is in the list. */
const firstEntry = () => (document.querySelector('ol.entries > li.entry') ? performance.now() : false);
const documentReceived = () => (performance as unknown as Timings).getEntriesByType('navigation')[0]!.responseEnd;
const scriptReceived = () =>
  (
    performance.getEntriesByType('resource').find((e) => /\/assets\/.*\.js$/.test(e.name)) as unknown as
      { responseEnd: number } | undefined
  )?.responseEnd ?? NaN;
const entriesFetched = () =>
  performance.getEntriesByType('resource').find((e) => e.name.includes('/api/entries'))?.duration ?? NaN;

async function measure(page: Page, run: string, navigate: () => Promise<unknown>): Promise<Timing> {
  const began = performance.now();
  await navigate();
  const shown = await page.waitForFunction(firstEntry, undefined, { polling: 'raf', timeout: 30_000 });
  const wallMs = performance.now() - began;
  return {
    run,
    firstEntryMs: (await shown.jsonValue()) as number,
    wallMs,
    documentMs: await page.evaluate(documentReceived),
    scriptMs: await page.evaluate(scriptReceived),
    apiMs: await page.evaluate(entriesFetched),
  };
}

/** Cold: a new browser context (empty cache) loads the page. Warm: the same context reloads it. */
export async function firstEntriesTimings(browser: Browser, url: string, runs: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (let i = 1; i <= runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    timings.push(await measure(page, `cold ${i}`, () => page.goto(url, { waitUntil: 'commit' })));
    timings.push(await measure(page, `warm ${i}`, () => page.reload({ waitUntil: 'commit' })));
    await context.close();
  }
  return timings;
}
