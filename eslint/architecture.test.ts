import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

// Each boundary of eslint/architecture.js, broken on purpose in a file that exists only for this test: lint must name it.
const REPO_ROOT = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: REPO_ROOT });

async function rulesFiredOn(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const RESTRICTED = 'import-x/no-restricted-paths';

const violations: Array<{ boundary: string; file: string; imports: string }> = [
  {
    boundary: 'an api repository imports HTTP',
    file: 'api/src/entries/x.repository.ts',
    imports: '../http/validate.js',
  },
  {
    boundary: 'an api repository imports a service',
    file: 'api/src/entries/x.repository.ts',
    imports: './entries.service.js',
  },
  { boundary: 'an api service imports routes', file: 'api/src/entries/x.service.ts', imports: './entries.routes.js' },
  { boundary: 'api code imports test support', file: 'api/src/x.ts', imports: '../test/support/test-app.js' },
  { boundary: 'the contract imports the API', file: 'api/src/contract.ts', imports: './errors.js' },
  {
    boundary: 'web shared code imports a feature',
    file: 'web/src/lib/x.ts',
    imports: '../features/guestbook/api/types.js',
  },
  { boundary: 'web shared code imports the app', file: 'web/src/config/x.ts', imports: '../app/app.js' },
  { boundary: 'a web feature imports the app', file: 'web/src/features/guestbook/x.ts', imports: '../../app/app.js' },
  { boundary: 'ci/snapshot imports a suite', file: 'ci/snapshot/x.ts', imports: '../suites/result-files.js' },
  { boundary: 'ci/snapshot imports the replay', file: 'ci/snapshot/x.ts', imports: '../replay/summary.js' },
  { boundary: 'ci/snapshot imports e2e support', file: 'ci/snapshot/x.ts', imports: '../e2e/support/guestbook.js' },
  { boundary: 'ci/snapshot imports tests', file: 'ci/snapshot/x.ts', imports: '../test/snapshot/fixtures.js' },
  { boundary: 'ci/repo imports the library', file: 'ci/repo/x.ts', imports: '../snapshot/index.js' },
  { boundary: 'ci/entries imports a suite', file: 'ci/entries/x.ts', imports: '../suites/result-files.js' },
  { boundary: 'ci/seed imports the replay', file: 'ci/seed/x.ts', imports: '../replay/summary.js' },
  { boundary: 'a suite imports the replay', file: 'ci/suites/api/x.ts', imports: '../../replay/summary.js' },
  { boundary: 'the replay imports the demo', file: 'ci/replay/x.ts', imports: '../demo/story-table.js' },
  { boundary: 'the replay imports e2e support', file: 'ci/replay/x.ts', imports: '../e2e/support/stack.js' },
  { boundary: 'the shrink imports the demo', file: 'ci/shrink/x.ts', imports: '../demo/story-table.js' },
  { boundary: 'the replay imports the shrink', file: 'ci/replay/x.ts', imports: '../shrink/shrink.js' },
  { boundary: 'the data check imports the demo', file: 'ci/data-check/x.ts', imports: '../demo/story-table.js' },
  { boundary: 'the shrink imports the data check', file: 'ci/shrink/x.ts', imports: '../data-check/data-check.js' },
  { boundary: 'the demo imports tests', file: 'ci/demo/x.ts', imports: '../test/snapshot/fixtures.js' },
  { boundary: 'a pipeline tool imports the replay', file: 'ci/pipeline/x.ts', imports: '../replay/summary.js' },
  { boundary: 'deploy checks import their tests', file: 'deploy-checks/src/x.ts', imports: '../test/dcos.test.js' },
];

describe('eslint/architecture.js', () => {
  it.each(violations)('when $boundary, then lint refuses it', async ({ file, imports }) => {
    expect(await rulesFiredOn(file, `export * from '${imports}';\n`)).toContain(RESTRICTED);
  });

  it('when a file imports only what its layer may, then no boundary rule fires', async () => {
    const fired = await rulesFiredOn('ci/replay/x.ts', "export * from '../suites/result-files.js';\n");

    expect(fired).toEqual([]);
  });

  it('when another workspace is imported by a relative path, then lint asks for the package', async () => {
    expect(await rulesFiredOn('ci/replay/x.ts', "export * from '../../api/src/contract.js';\n")).toContain(
      'import-x/no-relative-packages',
    );
  });

  it("when a package's files are imported past its entry point, then lint refuses it", async () => {
    expect(await rulesFiredOn('ci/replay/x.ts', "export * from '@guestbook/api/src/config.js';\n")).toContain(
      'no-restricted-imports',
    );
  });

  describe('cycles', () => {
    const dir = mkdtempSync(join(REPO_ROOT, 'ci', 'snapshot', 'cycle-probe-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('when two modules import each other, then lint names the cycle', async () => {
      const a = "import { b } from './b.js';\nexport const a = () => b;\n";
      writeFileSync(join(dir, 'a.ts'), a);
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = () => a;\n");

      expect(await rulesFiredOn(relative(REPO_ROOT, join(dir, 'a.ts')), a)).toContain('import-x/no-cycle');
    });
  });
});
