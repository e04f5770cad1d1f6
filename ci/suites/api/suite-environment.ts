import { join } from 'node:path';
import type { SampleOptions } from '../../entries/entry-sample.js';
import type { CqlEndpoint } from '../../snapshot/index.js';
import { resultFiles, type ResultFiles } from '../result-files.js';

/** What the black-box API suite is pointed at: an API's base URL and the keyspace behind it, read back directly. */
export interface ApiSuiteEnvironment {
  baseUrl: string;
  endpoint: CqlEndpoint;
  keyspace: string;
  files: ResultFiles;
  /** Which entries are read one by one: every unusual one up to a cap, plus a seeded random sample. */
  sample: SampleOptions;
  /** When the suite stops starting new reads (ms since the epoch), if it has a time budget. */
  deadline?: number;
  /** The drift since the previous snapshot (REPLAY_DRIFT_FILE): entries with its new shapes are sampled first. */
  driftFile?: string;
}

/** Defaults a CI job can afford on a million entries; REPLAY_UNUSUAL_CAP, REPLAY_SAMPLE and REPLAY_SEED change them. */
const DEFAULT_SAMPLE: SampleOptions = { unusualCap: 20_000, randomSize: 5_000, seed: 1 };

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, not "${raw}"`);
  return value;
}

/** Reads the suite's target from the environment `npm run replay` sets; names what is missing otherwise. */
export function apiSuiteEnvironment(env: NodeJS.ProcessEnv = process.env): ApiSuiteEnvironment {
  const { REPLAY_BASE_URL, REPLAY_CONTACT_POINTS, REPLAY_KEYSPACE } = env;
  const missing = Object.entries({ REPLAY_BASE_URL, REPLAY_CONTACT_POINTS, REPLAY_KEYSPACE }).filter(([, v]) => !v);
  if (missing.length) {
    throw new Error(`${missing.map(([k]) => k).join(', ')} not set: run the API suite through \`npm run replay\``);
  }
  const credentials =
    env.CASSANDRA_USERNAME && env.CASSANDRA_PASSWORD
      ? { credentials: { username: env.CASSANDRA_USERNAME, password: env.CASSANDRA_PASSWORD } }
      : {};
  return {
    baseUrl: REPLAY_BASE_URL!,
    endpoint: {
      contactPoints: REPLAY_CONTACT_POINTS!.split(','),
      localDataCenter: env.REPLAY_LOCAL_DC ?? 'datacenter1',
      ...credentials,
    },
    keyspace: REPLAY_KEYSPACE!,
    files: resultFiles(env.REPLAY_RESULTS_DIR ?? join(import.meta.dirname, '..', '..', 'test-results')),
    sample: {
      unusualCap: wholeNumber(env, 'REPLAY_UNUSUAL_CAP', DEFAULT_SAMPLE.unusualCap),
      randomSize: wholeNumber(env, 'REPLAY_SAMPLE', DEFAULT_SAMPLE.randomSize),
      seed: wholeNumber(env, 'REPLAY_SEED', DEFAULT_SAMPLE.seed),
    },
    ...(env.REPLAY_DEADLINE ? { deadline: wholeNumber(env, 'REPLAY_DEADLINE', 0) } : {}),
    ...(env.REPLAY_DRIFT_FILE ? { driftFile: env.REPLAY_DRIFT_FILE } : {}),
  };
}
