import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewEntry } from '@guestbook/api';
import { streamListOrder } from '../entries/stored-entries.js';
import { writeFixtureEntries, type FixtureEntry } from '../seed/regression-fixtures.js';
import { signEntries } from '../seed/sign-entries.js';
import type { CqlEndpoint } from '../snapshot/index.js';
import { browserSample } from '../suites/browser/expected-entries.js';
import type { Drift } from '../snapshot/profile/drift.js';
import { entryNewShapeTest } from '../entries/new-shape-entries.js';
import { clearResultFiles, resultFiles } from '../suites/result-files.js';
import { loggedErrors, startApiProcess } from './api-process.js';
import { runApiSuite, type ApiSuiteReport } from './api-suite-run.js';
import { runBrowserSuite, type BrowserSuiteResult } from './browser-suite-run.js';

export interface SuitesOptions {
  /** What this run is, for report titles: "dummy data", "production copy". */
  label: string;
  /** The checkout whose API is tested. */
  checkout: string;
  endpoint: CqlEndpoint;
  keyspace: string;
  /** Entries to sign through the API first (dummy data); none for a restored copy. */
  sign?: readonly NewEntry[];
  /** Committed regression fixtures' entries, written into the keyspace as stored rows beside the dummy data. */
  fixtures?: readonly FixtureEntry[];
  /** Where JUnit XML and logs go (the previous run's are removed first). */
  resultsDir: string;
  /** Where the Playwright HTML report goes; inside resultsDir unless given. */
  browserReportDir?: string;
  webDistDir?: string;
  browser?: boolean;
  /** How long the suites may take in all; past it they stop starting new checks and say what they covered. */
  budgetMs?: number;
  /** The data's drift since the previous snapshot: entries holding its new shapes go first in both samples. */
  drift?: Drift;
  log?: (line: string) => void;
}

export interface SuitesResult {
  passed: boolean;
  api: ApiSuiteReport;
  browser?: BrowserSuiteResult;
  /** What the API itself logged as errors while under test (the cause of a 500, for instance). */
  apiErrors: string[];
  apiJUnit: string;
}

const failedChecks = (report: ApiSuiteReport) => report.checks.filter((check) => check.failures.length > 0);

/** Starts the checkout's API on the keyspace, then runs the API suite and the browser suite against it. */
export async function runSuites(options: SuitesOptions): Promise<SuitesResult> {
  const { label, checkout, endpoint, keyspace, browser: withBrowser = true } = options;
  const log = options.log ?? (() => {});
  const files = resultFiles(options.resultsDir, options.browserReportDir);
  clearResultFiles(files);
  mkdirSync(options.resultsDir, { recursive: true });
  const api = await startApiProcess({
    checkout,
    endpoint,
    keyspace,
    ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
    // The suites sign as fast as a script can; the production limit is not what they test.
    env: { RATE_LIMIT_SIGN_PER_MINUTE: '1000000' },
  });
  try {
    log(`API of ${checkout} listening at ${api.url} on keyspace ${keyspace}`);
    if (options.fixtures?.length) {
      await writeFixtureEntries(endpoint, keyspace, options.fixtures);
      log(`wrote ${options.fixtures.length} entries of the committed regression fixtures`);
    }
    if (options.sign?.length) {
      await signEntries(api.url, options.sign);
      log(`signed ${options.sign.length} entries through the API`);
    }
    const deadline = options.budgetMs === undefined ? undefined : Date.now() + options.budgetMs;
    const driftFile = options.drift ? join(options.resultsDir, 'drift.json') : undefined;
    if (driftFile) writeFileSync(driftFile, JSON.stringify(options.drift));
    const target = {
      label,
      baseUrl: api.url,
      endpoint,
      keyspace,
      ...(deadline ? { deadline } : {}),
      ...(driftFile ? { driftFile } : {}),
    };
    const report = await runApiSuite(target, files, log);
    const failed = failedChecks(report);
    const verdict = failed.length ? `${failed.length} failed` : 'all passed';
    log(`API suite: ${report.checks.length} checks on ${report.entries} entries, ${verdict} (${report.ms} ms)`);
    for (const line of report.coverage) log(`  ${line}`);

    let browser: BrowserSuiteResult | undefined;
    if (withBrowser) {
      const holdsNewShape = options.drift ? await entryNewShapeTest(options.drift) : undefined;
      const sample = await browserSample(streamListOrder(endpoint, keyspace), undefined, holdsNewShape);
      browser = await runBrowserSuite(api.url, sample, files);
      log(
        `browser suite: ${browser.checked} entries in Chromium, ${browser.passed ? 'passed' : 'failed'} (${browser.ms} ms)`,
      );
    }
    return {
      passed: report.checks.length > 0 && failed.length === 0 && (browser?.passed ?? true),
      api: report,
      ...(browser ? { browser } : {}),
      apiErrors: loggedErrors(api),
      apiJUnit: files.apiJUnit,
    };
  } finally {
    await api.stop();
  }
}
