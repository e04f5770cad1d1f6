import { rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where one replay run's reports go. JUnit files sit directly in the results directory, where CI collects
 * `test-results/*.xml`; the suites' runners write them with their own reporters.
 */
export interface ResultFiles {
  dir: string;
  apiJUnit: string;
  apiJson: string;
  apiOutput: string;
  /** What the API suite found per entry, for the summary a person reads after the run. */
  apiFindings: string;
  browserJUnit: string;
  browserJson: string;
  browserOutput: string;
  browserExpected: string;
  browserArtifacts: string;
  browserReport: string;
}

export function resultFiles(dir: string, browserReport = join(dir, 'replay-browser-report')): ResultFiles {
  return {
    dir,
    apiJUnit: join(dir, 'replay-api-junit.xml'),
    apiJson: join(dir, 'replay-api-results.json'),
    apiOutput: join(dir, 'replay-api-output.txt'),
    apiFindings: join(dir, 'replay-api-findings.json'),
    browserJUnit: join(dir, 'replay-browser-junit.xml'),
    browserJson: join(dir, 'replay-browser-results.json'),
    browserOutput: join(dir, 'replay-browser-output.txt'),
    browserExpected: join(dir, 'replay-browser-expected.json'),
    browserArtifacts: join(dir, 'replay-browser-artifacts'),
    browserReport,
  };
}

/** Removes a previous run's reports, and nothing else that shares the directory (the e2e suite's, for one). */
export function clearResultFiles(files: ResultFiles): void {
  for (const [key, path] of Object.entries(files)) if (key !== 'dir') rmSync(path, { recursive: true, force: true });
}
