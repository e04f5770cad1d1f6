import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { writeExpected, type ExpectedEntry } from '../suites/browser/expected-entries.js';
import { CI_DIR, REPO_ROOT } from '../repo/paths.js';
import type { ResultFiles } from '../suites/result-files.js';

const CONFIG = join(CI_DIR, 'suites', 'browser', 'playwright.config.ts');
const PLAYWRIGHT = join(REPO_ROOT, 'node_modules', '.bin', 'playwright');

export interface BrowserSuiteResult {
  passed: boolean;
  /** The failure messages Playwright recorded, without colour codes. */
  failures: string[];
  checked: number;
  ms: number;
  reportDir: string;
}

interface JsonReport {
  suites?: Array<{ specs?: Array<{ tests?: Array<{ results?: Array<{ errors?: Array<{ message?: string }> }> }> }> }>;
}

function failuresOf(file: string): string[] {
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  return (report.suites ?? [])
    .flatMap((s) => s.specs ?? [])
    .flatMap((s) => s.tests ?? [])
    .flatMap((t) => t.results ?? [])
    .flatMap((r) => r.errors ?? [])
    .map((e) => stripVTControlCharacters(e.message ?? ''));
}

/**
 * Runs the browser replay (Chromium through Playwright) against `baseUrl`, checking `expected`. Playwright's own output
 * goes to a text file; the HTML report, JUnit XML and JSON results where `files` says.
 */
export async function runBrowserSuite(
  baseUrl: string,
  expected: ExpectedEntry[],
  files: ResultFiles,
): Promise<BrowserSuiteResult> {
  const began = performance.now();
  mkdirSync(files.dir, { recursive: true });
  writeExpected(files.browserExpected, expected);
  const output = createWriteStream(files.browserOutput);
  const child = spawn(PLAYWRIGHT, ['test', '-c', CONFIG], {
    cwd: CI_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BASE_URL: baseUrl,
      REPLAY_EXPECTED: files.browserExpected,
      REPLAY_RESULTS_DIR: files.dir,
      REPLAY_REPORT_DIR: files.browserReport,
      FORCE_COLOR: '0',
    },
  });
  child.stdout!.pipe(output, { end: false });
  child.stderr!.pipe(output, { end: false });
  const [code] = (await once(child, 'exit')) as [number | null];
  output.end();
  return {
    passed: code === 0,
    failures: failuresOf(files.browserJson),
    checked: expected.length,
    ms: Math.round(performance.now() - began),
    reportDir: files.browserReport,
  };
}
