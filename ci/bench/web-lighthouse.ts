import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type LighthouseResult = {
  preset: 'mobile' | 'desktop';
  scores: Record<string, number>;
  metrics: Record<string, number>;
};

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];
type Report = { categories: Record<string, { score: number }>; audits: Record<string, { numericValue: number }> };

/**
 * Lighthouse's audit of the page in Debian's Chromium, headless. "mobile" is its default (a mid-range phone on slow 4G,
 * simulated), "desktop" its desktop preset. Scores are 0–100; metrics in ms (layout shift unitless).
 */
export function runLighthouse(url: string, preset: LighthouseResult['preset']): LighthouseResult {
  const dir = mkdtempSync(join(tmpdir(), 'guestbook-lighthouse-'));
  try {
    const report = join(dir, 'report.json');
    const cli = createRequire(import.meta.url).resolve('lighthouse/cli/index.js');
    const run = spawnSync(
      process.execPath,
      [
        cli,
        url,
        '--quiet',
        '--output=json',
        `--output-path=${report}`,
        `--only-categories=${CATEGORIES.join(',')}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
        ...(preset === 'desktop' ? ['--preset=desktop'] : []),
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, stdio: 'inherit' },
    );
    if (run.status !== 0) throw new Error(`lighthouse exited with ${run.status}`);
    const { categories, audits } = JSON.parse(readFileSync(report, 'utf8')) as Report;
    return {
      preset,
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(categories[c]!.score * 100)])),
      metrics: Object.fromEntries(METRICS.map((m) => [m, audits[m]!.numericValue])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
