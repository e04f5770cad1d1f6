import { defineConfig } from 'vitest/config';
import { apiSuiteEnvironment } from './suite-environment.js';

// The API replay as a plain vitest run: the runner's own reporters write JUnit (for GitLab) and JSON (for the
// summary). By-id reads go six at a time, as a busy page would.
const { files } = apiSuiteEnvironment();

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['replay-api.test.ts'],
    maxConcurrency: 6,
    // A million entries take minutes to list; the replay's --budget bounds the time, not a per-test timeout.
    testTimeout: 0,
    hookTimeout: 120_000,
    reporters: ['dot', ['junit', { suiteName: `API replay: ${process.env.REPLAY_LABEL ?? 'guestbook'}` }], 'json'],
    outputFile: { junit: files.apiJUnit, json: files.apiJson },
  },
});
