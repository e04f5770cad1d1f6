import { join } from 'node:path';
import type { CqlEndpoint } from '../../snapshot/index.js';
import { resultFiles, type ResultFiles } from '../result-files.js';

/** What the black-box API suite is pointed at: an API's base URL and the keyspace behind it, read back directly. */
export interface ApiSuiteEnvironment {
  baseUrl: string;
  endpoint: CqlEndpoint;
  keyspace: string;
  files: ResultFiles;
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
  };
}
