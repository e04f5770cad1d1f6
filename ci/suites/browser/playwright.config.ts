import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import e2e from '../../playwright.config.js';
import { resultFiles } from '../result-files.js';

// The browser half of the replay: the e2e suite's browser settings, pointed at an API the replay started (BASE_URL)
// and the entries it read from the keyspace behind it (REPLAY_EXPECTED). Reports go where the replay asks.
const files = resultFiles(
  process.env.REPLAY_RESULTS_DIR ?? join(import.meta.dirname, '..', '..', 'test-results'),
  process.env.REPLAY_REPORT_DIR,
);

export default defineConfig({
  testDir: '.',
  testMatch: 'replay.spec.ts',
  outputDir: files.browserArtifacts,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: files.browserReport }],
    ['junit', { outputFile: files.browserJUnit }],
    ['json', { outputFile: files.browserJson }],
  ],
  use: { ...e2e.use, baseURL: process.env.BASE_URL },
  projects: e2e.projects,
});
