import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFile } from '../../data-check/accepted-baseline.js';
import type { dataCheckJson } from '../../data-check/data-check-report.js';
import { StoryStage } from '../../demo/story-stage.js';
import { CI_DIR, REGRESSION_PATCH, REPO_ROOT, TEST_RESULTS_DIR } from '../../repo/paths.js';
import { loadHostileCorpus } from '../../seed/corpus.js';
import { seedProduction } from '../../seed/seed-production.js';
import { signEntries } from '../../seed/sign-entries.js';

// `npm run data-check` end to end, as the scheduled job runs it, on real nodes: a production node with its API at HEAD,
// a CI node the copies are restored into, the regression patch as the "deployed" change.
const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'guestbook-data-check-test-'));
const snapshots = join(root, 'snapshots');
const fixtures = join(root, 'fixtures');
const keyFile = join(root, 'masking.key');
const REPORTS = join(TEST_RESULTS_DIR, 'data-check');
type Report = ReturnType<typeof dataCheckJson>;
let stage: StoryStage;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  report: Report;
  markdown: string;
}

async function dataCheck(...extra: string[]): Promise<CliRun> {
  for (const file of ['report.json', 'report.md']) rmSync(join(REPORTS, file), { force: true });
  const args = [
    '--import',
    'tsx',
    join(CI_DIR, 'data-check', 'cli.ts'),
    ...['--contact-points', stage.production.node.contactPoint, '--keyspace', 'guestbook'],
    ...['--snapshots', snapshots, '--fixtures', fixtures, '--masking-key-file', keyFile],
    ...['--restore-contact-points', stage.ci.contactPoint, '--no-browser'],
    ...extra,
  ];
  const outcome = await run(process.execPath, args, { cwd: CI_DIR, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  const read = (file: string) => (existsSync(join(REPORTS, file)) ? readFileSync(join(REPORTS, file), 'utf8') : '');
  const json = read('report.json');
  return {
    ...outcome,
    report: json ? (JSON.parse(json) as Report) : (undefined as never),
    markdown: read('report.md'),
  };
}

const takenSnapshots = () => readdirSync(snapshots).filter((name) => name !== 'data-check');

beforeAll(async () => {
  writeFileSync(keyFile, randomBytes(32).toString('base64'));
  stage = await StoryStage.start(root);
  await seedProduction(stage.production.api.url, { ordinary: 20, corpus: false });
});

afterAll(async () => {
  await stage?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('npm run data-check: test on data changes', () => {
  it('when the deployed ref is unknown, then it says so and takes no snapshot', async () => {
    const result = await dataCheck('--deployed', 'no-such-tag-v0');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-tag-v0 is not a commit');
    expect(existsSync(snapshots) ? takenSnapshots() : []).toEqual([]);
  });

  it('when there is no baseline yet, then everything is new: it replays all of it and accepts the snapshot', async () => {
    const result = await dataCheck('--deployed', 'HEAD');

    expect(result.code, result.stderr).toBe(0);
    expect(result.report.outcome).toBe('handled');
    expect(result.report.baseline).toBeNull();
    expect(result.report.replay?.passed).toBe(true);
    expect(result.markdown).toContain('no baseline yet (first run)');
    expect(result.stdout).toContain(join(REPORTS, 'report.md'));
    expect(existsSync(baselineFile(snapshots, 'guestbook'))).toBe(true);
  });

  it('when nothing changed, then "no new shapes; nothing to replay", exit 0 and no replay', async () => {
    const result = await dataCheck('--deployed', 'HEAD');

    expect(result.code, result.stderr).toBe(0);
    expect(result.report.outcome).toBe('no new shapes');
    expect(result.report.newShapes).toEqual([]);
    expect(result.report.replay).toBeNull();
    expect(result.markdown).toContain('no new shapes; nothing to replay');
    expect(result.stderr).not.toContain('API under test');
    expect(takenSnapshots()).toHaveLength(2);
  });

  it('when the hostile corpus arrives and the deployed code has the regression, then exit 1 with the drift, the entries and the fixtures', async () => {
    await signEntries(
      stage.production.api.url,
      loadHostileCorpus().map(({ name, message }) => ({ name, message })),
    );
    const result = await dataCheck('--deployed', 'HEAD', '--patch', REGRESSION_PATCH);

    expect(result.code, result.stderr).toBe(1);
    expect(result.report.outcome).toBe('cannot handle');
    expect(result.markdown).toContain('production data changed in a way the deployed code cannot handle');
    // The drift: shapes the ordinary entries never had.
    const newShapes = result.report.newShapes ?? [];
    expect(newShapes.some((f) => f.kind === 'emoji' && f.key === 'zwj')).toBe(true);
    expect(result.markdown).toContain('first entries with ZWJ emoji sequences');
    // The failing groups, each down to the three offenders (masked: letters pseudonymised, emoji kept).
    expect(result.report.failures?.map((f) => f.signature).sort()).toEqual([
      'GET /api/entries → 500 internal (URIError)',
      'GET /api/entries/:id → 500 internal (URIError)',
    ]);
    for (const group of result.report.failures ?? []) {
      const names = group.entries.map((entry) => entry.name);
      expect(names).toHaveLength(3);
      for (const emoji of ['🇺🇦', '👩‍👩‍👧‍👦', '🦄']) expect(names.some((name) => name.includes(emoji))).toBe(true);
      expect(names).not.toContain('🦄 Luna');
      for (const entry of group.entries) expect(result.markdown).toContain(entry.id);
    }
    expect(result.report.fixturesMasked).toBe(true);
    expect(result.report.fixtures).toHaveLength(2);
    expect(readdirSync(fixtures).sort()).toEqual(result.report.fixtures.map((f) => f.split('/').pop()).sort());
    for (const fixture of result.report.fixtures) expect(result.markdown).toContain(fixture);
    // Kept beside the next run's report: the sample in docs/drift.md.
    copyFileSync(join(REPORTS, 'report.md'), join(REPORTS, 'cannot-handle-sample.md'));
  }, 360_000);

  it('when HEAD is deployed, then the same new shapes are replayed again and pass', async () => {
    const { stdout: head } = await run('git', ['-C', REPO_ROOT, 'rev-parse', 'HEAD']);
    const result = await dataCheck('--deployed', head.trim());

    expect(result.code, result.stderr).toBe(0);
    expect(result.report.outcome).toBe('handled');
    // The failed run was not accepted: the baseline is still the one before the corpus arrived.
    expect(result.report.newShapes?.length).toBeGreaterThan(0);
    expect(result.report.replay?.passed).toBe(true);
    expect(result.markdown).toContain('new shapes, the deployed code handles them');
  }, 180_000);
});
