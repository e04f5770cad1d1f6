import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoryStage } from '../../demo/story-stage.js';
import { REPO_ROOT, TEST_RESULTS_DIR } from '../../repo/paths.js';
import type { Worktree } from '../../repo/patched-worktree.js';
import { summaryLines } from '../../replay/summary.js';
import { fixtureEntries, readRegressionFixtures } from '../../seed/regression-fixtures.js';
import { signatureKey } from '../../shrink/failure-signature.js';
import { writeFixtures } from '../../shrink/fixture-writer.js';
import { shrinkFailures, type ShrinkResult } from '../../shrink/shrink.js';
import type { RestoredCopy } from '../../snapshot/index.js';

// The done-when of the shrink, on real processes: production seeded through the API at HEAD with the hostile corpus
// among ordinary entries, snapshotted and restored on a CI node; the regression patch in a worktree.
const OFFENDERS = ['Olena 🇺🇦', 'Zoë 👩‍👩‍👧‍👦', '🦄 Luna'];
const root = mkdtempSync(join(tmpdir(), 'guestbook-shrink-test-'));
const fixturesDir = join(root, 'fixtures');
const results = (name: string) => join(TEST_RESULTS_DIR, 'shrink', name);
let stage: StoryStage;
let patched: Worktree;
let copy: RestoredCopy;
let shrunk: ShrinkResult;

beforeAll(async () => {
  stage = await StoryStage.start(root);
  await stage.seed(20);
  patched = await stage.patchedWorktree();
  copy = (await stage.snapshotAndRestore()).copy;
});

afterAll(async () => {
  await stage?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('shrinking the replay of the UTF-16 initials regression', () => {
  it('when the replay on the copy fails and is shrunk, then each failure comes down to exactly the offending entries', async () => {
    const replay = await stage.replay(patched.path, results('replay-change'), 'production copy, the change');
    expect(replay.passed).toBe(false);

    shrunk = await shrinkFailures({
      source: { endpoint: { contactPoints: copy.contactPoints }, keyspace: copy.keyspace },
      named: replay.api.offending.map((offender) => offender.entry),
      checkout: patched.path,
      log: (line) => console.error(line),
    });
    console.error(`shrink: ${shrunk.candidates} candidates, ${shrunk.probes} probes, ${Math.round(shrunk.ms)} ms`);

    expect(shrunk.candidates).toBeGreaterThan(OFFENDERS.length);
    expect(shrunk.notDataDependent).toEqual([]);
    expect(shrunk.notReproduced).toEqual([]);
    expect(shrunk.groups.map((group) => signatureKey(group.signature)).sort()).toEqual([
      'GET /api/entries → 500 internal (URIError)',
      'GET /api/entries/:id → 500 internal (URIError)',
    ]);
    for (const group of shrunk.groups) {
      expect(group.entries.map((entry) => entry.name).sort(), signatureKey(group.signature)).toEqual(
        [...OFFENDERS].sort(),
      );
      // Each of the three breaks the check on its own: three causes of one entry, not one cause of three.
      expect(group.causes.map((cause) => cause.length)).toEqual([1, 1, 1]);
    }
  });

  it('when the fixtures are written and loaded into plain CI, then the change fails on them and HEAD passes', async () => {
    const files = writeFixtures(fixturesDir, shrunk.groups, { shrunkFrom: shrunk.candidates });
    const fixtures = readRegressionFixtures(fixturesDir);
    const entries = fixtureEntries(fixtures);

    expect(files).toHaveLength(2);
    expect(readFileSync(files[0]!, 'utf8')).toContain('U+1F984 UNICORN FACE');
    expect(entries.map((entry) => entry.name).sort()).toEqual([...OFFENDERS].sort());

    const change = await stage.dummyRun(patched.path, results('dummy-fixtures-change'), entries);
    const head = await stage.dummyRun(REPO_ROOT, results('dummy-fixtures-head'), entries);

    expect(change.passed).toBe(false);
    expect(change.api.offending.map((offender) => offender.entry.name)).toContain('🦄 Luna');
    expect(change.browser?.passed).toBe(false);
    expect(head.passed, summaryLines(head).join('\n')).toBe(true);
    expect(head.api.entries).toBe(6 + OFFENDERS.length);
  });
});
