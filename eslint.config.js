import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/playwright-report/**', '**/test-results/**', '**/artifacts/**', '.gitlab-ci-local/**', '.venv-tools/**', '**/*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Command-line entry points and scripts talk to a person on the terminal.
    files: ['**/cli.ts', '**/cli/**', 'scripts/**', '**/bench/**', '**/*.bench.ts', 'ci/src/demo/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
