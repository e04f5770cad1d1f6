import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CI_DIR, REPO_ROOT } from '../repo/paths.js';
import type { CqlEndpoint } from '../snapshot/index.js';
import { readFindings, type OffendingEntry } from '../suites/api/findings.js';
import { PROGRESS_PREFIX } from '../suites/api/progress-line.js';
import type { ResultFiles } from '../suites/result-files.js';

const CONFIG = join(CI_DIR, 'suites', 'api', 'vitest.config.ts');
const VITEST = join(REPO_ROOT, 'node_modules', '.bin', 'vitest');

/** One check as the summary shows it: its name, and its failure messages without stack frames. */
interface ApiCheck {
  name: string;
  failures: string[];
}

export interface ApiSuiteReport {
  checks: ApiCheck[];
  offending: OffendingEntry[];
  /** Offending entries the report does not list one by one. */
  moreOffending: number;
  entries: number;
  /** What was listed and read: "listed 1,000 of 1,000", "read by id 120 (all 20 unusual + 100 sampled, seed 1)". */
  coverage: string[];
  ms: number;
}

export interface ApiSuiteTarget {
  label: string;
  baseUrl: string;
  endpoint: CqlEndpoint;
  keyspace: string;
  deadline?: number;
  /** The drift since the previous snapshot, as JSON: entries holding its new shapes go first in the sample. */
  driftFile?: string;
}

interface VitestJson {
  testResults?: Array<{ message?: string; assertionResults?: Array<{ fullName: string; failureMessages?: string[] }> }>;
}

/** The assertion's own message: the runner adds the error class in front and stack frames after it. */
const messageOf = (failure: string) =>
  failure
    .replace(/^AssertionError: /, '')
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n')
    .trim();

function checksOf(file: string): ApiCheck[] {
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  return (report.testResults ?? []).flatMap((suite) => {
    const checks = (suite.assertionResults ?? []).map((test) => ({
      name: test.fullName,
      failures: (test.failureMessages ?? []).map(messageOf),
    }));
    // A suite that could not even start (the keyspace unreadable, say) has no tests, only its message.
    return checks.length || !suite.message ? checks : [{ name: 'API suite', failures: [messageOf(suite.message)] }];
  });
}

/**
 * Runs the API replay suite (ci/suites/api) with vitest against `target`; JUnit, JSON and its output go to `files`,
 * its progress lines to `log`.
 */
export async function runApiSuite(
  target: ApiSuiteTarget,
  files: ResultFiles,
  log: (line: string) => void = () => {},
): Promise<ApiSuiteReport> {
  const began = performance.now();
  const output = createWriteStream(files.apiOutput);
  const { credentials } = target.endpoint;
  const child = spawn(VITEST, ['run', '--config', CONFIG], {
    cwd: CI_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      REPLAY_LABEL: target.label,
      REPLAY_BASE_URL: target.baseUrl,
      REPLAY_CONTACT_POINTS: target.endpoint.contactPoints.join(','),
      REPLAY_LOCAL_DC: target.endpoint.localDataCenter ?? 'datacenter1',
      REPLAY_KEYSPACE: target.keyspace,
      REPLAY_RESULTS_DIR: files.dir,
      ...(target.deadline ? { REPLAY_DEADLINE: String(target.deadline) } : {}),
      ...(target.driftFile ? { REPLAY_DRIFT_FILE: target.driftFile } : {}),
      ...(credentials ? { CASSANDRA_USERNAME: credentials.username, CASSANDRA_PASSWORD: credentials.password } : {}),
      FORCE_COLOR: '0',
    },
  });
  child.stdout!.pipe(output, { end: false });
  child.stderr!.pipe(output, { end: false });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line.startsWith(PROGRESS_PREFIX)) log(line.slice(PROGRESS_PREFIX.length));
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  output.end();
  const checks = checksOf(files.apiJson);
  const findings = existsSync(files.apiFindings)
    ? readFindings(files.apiFindings)
    : { entries: 0, offending: [], moreOffending: 0, coverage: [] };
  if (code !== 0 && checks.every((check) => check.failures.length === 0)) {
    checks.push({ name: 'API suite', failures: [`vitest exited with ${code}; see ${files.apiOutput}`] });
  }
  return { checks, ...findings, ms: Math.round(performance.now() - began) };
}
