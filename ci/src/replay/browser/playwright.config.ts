import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import e2e from '../../../playwright.config.js';

// The browser half of the replay: the e2e suite's browser settings, pointed at an API the replay started (BASE_URL)
// and the entries it read from the keyspace behind it (REPLAY_EXPECTED). Reports go where the replay asks.
const results = process.env.REPLAY_RESULTS_DIR ?? join(import.meta.dirname, '..', '..', '..', 'test-results', 'replay', 'browser');

export default defineConfig({
  testDir: '.',
  testMatch: 'replay.spec.ts',
  outputDir: join(results, 'browser-artifacts'),
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: join(results, 'browser-report') }],
    ['junit', { outputFile: join(results, 'browser-junit.xml') }],
    ['json', { outputFile: join(results, 'browser-results.json') }],
  ],
  use: { ...e2e.use, baseURL: process.env.BASE_URL },
  projects: e2e.projects,
});
