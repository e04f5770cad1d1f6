import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One real Cassandra node for the whole run; each test file works in a keyspace of its own.
    globalSetup: ['test/support/cassandra-node.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: files run one after another so Cassandra is not starved by parallel workers.
    fileParallelism: false,
  },
});
