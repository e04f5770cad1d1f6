import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithProduction, nonLetterLabels } from '../../demo/masked-story.js';
import { StoryStage } from '../../demo/story-stage.js';
import { REPO_ROOT, TEST_RESULTS_DIR } from '../../repo/paths.js';
import type { Worktree } from '../../repo/patched-worktree.js';
import type { SuitesResult } from '../../replay/run-suites.js';
import { summaryLines } from '../../replay/summary.js';
import { withClient } from '../../snapshot/cql-client.js';
import { createMasker } from '../../snapshot/masking/index.js';

// The demo's masked run (npm run demo -- --masked) as a test, on real processes: production seeded through the API,
// a logical snapshot masked at the source, restored on the CI node, the regression patch and HEAD replayed on it.
// Each replay runs the API and the browser suite: on a loaded 2-core machine, longer than the default 120 s.
const KEY = 'masked-story-test-key-000001';
const masker = createMasker({ key: KEY });
const BROKEN_BY_THE_CHANGE = ['Olena 🇺🇦', 'Zoë 👩‍👩‍👧‍👦', '🦄 Luna'];
const root = mkdtempSync(join(tmpdir(), 'guestbook-masked-story-test-'));
const results = (name: string) => join(TEST_RESULTS_DIR, 'replay-masked-story', name);
const explain = (r: SuitesResult) => summaryLines(r).join('\n');
let stage: StoryStage;
let patched: Worktree;
/** Production's entries by id: what the masked copy is compared with. */
let production: Map<string, string>;

beforeAll(async () => {
  stage = await StoryStage.start(root);
  await stage.seed(20);
  patched = await stage.patchedWorktree();
  const { copy } = await stage.snapshotAndRestore({ key: KEY });
  expect(copy.masking).toMatchObject({ state: 'masked', keyFingerprint: masker.fingerprint });
  production = await withClient({ contactPoints: [stage.production.node.contactPoint] }, async (client) => {
    const rows = await client.execute('SELECT id, name FROM guestbook.entries_by_id');
    return new Map(rows.rows.map((r) => [String(r.get('id')), r.get('name') as string]));
  });
});

afterAll(async () => {
  await stage?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the UTF-16 initials regression on a masked copy of production', () => {
  it('when replayed against the change, then it fails on the same entries, by id, with masked names and the same non-letter code points', async () => {
    const run = await stage.replay(patched.path, results('masked-copy-change'), 'masked copy, the change');

    expect(run.passed).toBe(false);
    const expectedIds = [...production].filter(([, name]) => BROKEN_BY_THE_CHANGE.includes(name)).map(([id]) => id);
    expect(expectedIds).toHaveLength(3);
    expect(run.api.offending.map((o) => o.entry.id).sort()).toEqual(expectedIds.sort());
    for (const { entry } of run.api.offending) {
      const original = production.get(entry.id)!;
      expect(entry.name).toBe(masker.maskText(original));
      expect(entry.name).not.toBe(original);
      expect(nonLetterLabels(entry.name)).toEqual(nonLetterLabels(original));
    }
    const unicorn = run.api.offending.find((o) => o.entry.name.startsWith('🦄 '))!;
    expect(unicorn.problems).toContainEqual(
      expect.stringMatching(/^GET \/api\/entries\?limit=1 answered 500: .* the list breaks at this entry/),
    );
    expect(readFileSync(run.apiJUnit, 'utf8')).toContain('name: U+1F984 UNICORN FACE');
    expect(run.browser?.passed).toBe(false);

    const compared = await compareWithProduction(
      run,
      { contactPoints: [stage.production.node.contactPoint] },
      'guestbook',
    );
    expect(compared.map((o) => o.sameAsProduction)).toEqual([true, true, true]);
  }, 300_000);

  it('when replayed against HEAD, then both suites pass on every masked entry', async () => {
    const run = await stage.replay(REPO_ROOT, results('masked-copy-head'), 'masked copy, HEAD');

    expect(run.passed, explain(run)).toBe(true);
    expect(run.api.entries).toBe(20 + 21);
    expect(run.browser?.checked).toBe(run.api.entries);
  }, 300_000);
});
