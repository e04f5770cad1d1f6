import { defineConfig } from 'vitest/config';

// The checks run gitlab-ci-local and the API's own config loader: one file at a time keeps two cores from thrashing.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
