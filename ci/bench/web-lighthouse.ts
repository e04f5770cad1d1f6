import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { freePort } from '@guestbook/cassandra';

export type LighthouseResult = {
  preset: 'mobile' | 'desktop';
  scores: Record<string, number>;
  metrics: Record<string, number>;
  /** Which try gave the result (1 or 2), and how long it took. */
  attempt: number;
  seconds: number;
};

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];

// Debian's Chromium as the project runs it elsewhere (ci/bench/web.bench.ts, the Playwright config): no sandbox (the
// machines run it as root), no GPU, and none of the background traffic that keeps a network from going idle.
const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** An audit that has not finished by then is not going to: on a starved machine one takes 30–90 s. */
const AUDIT_TIMEOUT_MS = 4 * 60_000;
const ATTEMPTS = 2;

async function auditOnce(url: string, preset: LighthouseResult['preset']): Promise<Omit<LighthouseResult, 'attempt'>> {
  const began = performance.now();
  // Its own Chromium on a port chosen here (chrome-launcher starts one there: the audit never attaches to a browser
  // found on its default port), and the process it started is the one killed afterwards, finished or not.
  const chrome: LaunchedChrome = await launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROMIUM_FLAGS,
    port: await freePort(),
    handleSIGINT: true,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result within ${AUDIT_TIMEOUT_MS / 1000} s`)), AUDIT_TIMEOUT_MS);
    });
    const flags = {
      port: chrome.port,
      output: 'json' as const,
      logLevel: 'error' as const,
      onlyCategories: CATEGORIES,
    };
    const audit = lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    // Past the timeout its browser is gone and the audit fails late: nothing is waiting for that failure any more.
    audit.catch(() => {});
    const run = await Promise.race([audit, timeout]);
    if (!run) throw new Error('lighthouse returned no result');
    const { categories, audits, runtimeError } = run.lhr;
    if (runtimeError) throw new Error(`lighthouse: ${runtimeError.code} ${runtimeError.message}`);
    return {
      preset,
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? Number.NaN) * 100)])),
      metrics: Object.fromEntries(METRICS.map((m) => [m, audits[m]?.numericValue ?? Number.NaN])),
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    clearTimeout(timer);
    chrome.kill();
  }
}

/**
 * Lighthouse's audit of the page in Debian's Chromium, headless, in a browser of its own: "mobile" is its default (a
 * mid-range phone on slow 4G, simulated), "desktop" its desktop preset. Scores are 0–100; metrics in ms (layout shift
 * unitless). Callers close their own browsers first: an audit beside another Chromium measures that one's work too.
 * A run that fails or hangs is tried once more, in a new browser.
 */
export async function runLighthouse(url: string, preset: LighthouseResult['preset']): Promise<LighthouseResult> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      return { ...(await auditOnce(url, preset)), attempt };
    } catch (error) {
      failures.push(`try ${attempt}: ${(error as Error).message}`);
      console.warn(`Lighthouse (${preset}) ${failures.at(-1)}`);
    }
  }
  throw new Error(failures.join('; '));
}
