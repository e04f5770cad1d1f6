import { defineConfig } from 'vitest/config';

// Suites here start real Cassandra nodes, APIs and browsers: generous timeouts, and one file at a time so that two
// cores are not shared between several JVMs starting at once.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
