import { defineConfig } from 'vitest/config';

// Every test here runs whole commands through npm and starts JVMs: generous timeouts for two loaded cores. Much of a
// run is waiting (npm, node and a build starting, a JVM appearing), so two files run side by side, each with at most
// two tests at once (those that say so with describe.concurrent). No two files build the same dist/.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: true,
    maxWorkers: 2,
    maxConcurrency: 2,
  },
});
