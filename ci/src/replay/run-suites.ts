import { mkdirSync } from 'node:fs';
import type { NewEntry } from '@guestbook/api';
import { runApiSuite } from '../api-suite/api-suite.js';
import { writeJUnit } from '../api-suite/junit.js';
import type { ApiSuiteReport } from '../api-suite/suite-report.js';
import { signEntries } from '../seed/sign-entries.js';
import type { CqlEndpoint } from '../snapshot/index.js';
import { loggedErrors, startApiProcess } from './api-process.js';
import { browserSample } from './browser/expected-entries.js';
import { runBrowserSuite, type BrowserSuiteResult } from './browser-suite.js';
import { clearResultFiles, resultFiles } from './result-files.js';
import { readStoredEntries } from './stored-entries.js';

export interface SuitesOptions {
  /** What this run is, for report titles: "dummy data", "production copy". */
  label: string;
  /** The checkout whose API is tested. */
  checkout: string;
  endpoint: CqlEndpoint;
  keyspace: string;
  /** Entries to sign through the API first (dummy data); none for a restored copy. */
  sign?: readonly NewEntry[];
  /** Where JUnit XML and logs go (the previous run's are removed first). */
  resultsDir: string;
  /** Where the Playwright HTML report goes; inside resultsDir unless given. */
  browserReportDir?: string;
  webDistDir?: string;
  browser?: boolean;
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

/** Starts the checkout's API on the keyspace, then runs the API suite and the browser suite against it. */
export async function runSuites(o: SuitesOptions): Promise<SuitesResult> {
  const log = o.log ?? (() => {});
  const files = resultFiles(o.resultsDir, o.browserReportDir);
  clearResultFiles(files);
  mkdirSync(o.resultsDir, { recursive: true });
  const api = await startApiProcess({
    checkout: o.checkout,
    endpoint: o.endpoint,
    keyspace: o.keyspace,
    ...(o.webDistDir ? { webDistDir: o.webDistDir } : {}),
    // The suites sign as fast as a script can; the production limit is not what they test.
    env: { RATE_LIMIT_SIGN_PER_MINUTE: '1000000' },
  });
  try {
    log(`API of ${o.checkout} listening at ${api.url} on keyspace ${o.keyspace}`);
    if (o.sign?.length) {
      await signEntries(api.url, o.sign);
      log(`signed ${o.sign.length} entries through the API`);
    }
    const stored = await readStoredEntries(o.endpoint, o.keyspace);
    const report = await runApiSuite(api.url, stored);
    const apiJUnit = files.apiJUnit;
    writeJUnit(apiJUnit, `API replay: ${o.label}`, report.cases);
    const apiPassed = report.cases.every((c) => c.failures.length === 0);
    log(`API suite: ${report.cases.length} checks on ${report.entries} entries, ${apiPassed ? 'all passed' : `${report.cases.filter((c) => c.failures.length).length} failed`} (${report.ms} ms)`);

    let browser: BrowserSuiteResult | undefined;
    if (o.browser !== false) {
      browser = await runBrowserSuite(api.url, browserSample(stored.listOrder), files);
      log(`browser suite: ${browser.checked} entries in Chromium, ${browser.passed ? 'passed' : 'failed'} (${browser.ms} ms)`);
    }
    return {
      passed: apiPassed && (browser?.passed ?? true),
      api: report,
      ...(browser ? { browser } : {}),
      apiErrors: loggedErrors(api),
      apiJUnit,
    };
  } finally {
    await api.stop();
  }
}
