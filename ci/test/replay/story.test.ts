import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedStory } from '../../demo/report/recorded-story.js';
import { writeStoryReport } from '../../demo/report/write-report.js';
import { StoryStage } from '../../demo/story-stage.js';
import type { StoryResults } from '../../demo/story-table.js';
import { REGRESSION_PATCH, REPO_ROOT, TEST_RESULTS_DIR } from '../../repo/paths.js';
import { type Worktree } from '../../repo/patched-worktree.js';
import { replay } from '../../replay/replay.js';
import type { SuitesResult } from '../../replay/run-suites.js';
import { summaryLines } from '../../replay/summary.js';
import { DUMMY_ENTRIES } from '../../seed/dummy-entries.js';

// The demo's story as a test, on real processes: one production node seeded through the API at HEAD, one snapshot
// restored once on a CI node, and the regression patch in a worktree. Reports land in ci/test-results/replay-story/.
const root = mkdtempSync(join(tmpdir(), 'guestbook-story-test-'));
const results = (name: string) => join(TEST_RESULTS_DIR, 'replay-story', name);
const explain = (r: SuitesResult) => summaryLines(r).join('\n');
let stage: StoryStage;
let patched: Worktree;
let artifact: string;
// Each run kept for the report, which is written from them last.
const runs: Partial<StoryResults> = {};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeAll(async () => {
  stage = await StoryStage.start(root);
  // 20 ordinary entries and the corpus: the newest, "🦄 Luna", sits on the first page of the list.
  await stage.seed(20);
  patched = await stage.patchedWorktree();
  artifact = (await stage.snapshotAndRestore()).taken.directory;
});

afterAll(async () => {
  await stage?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the UTF-16 initials regression (ci/regressions/001)', () => {
  it('when the suites run on dummy data against the change, then they pass: plain CI misses it', async () => {
    const run = await stage.dummyRun(patched.path, results('dummy-data-change'));
    runs.dummyOnPatch = run;

    expect(run.passed, explain(run)).toBe(true);
    expect(run.api.entries).toBe(DUMMY_ENTRIES.length);
    expect(run.browser?.passed).toBe(true);
  });

  it('when replayed on the copy of production against the change, then both suites fail and name the entries by code point', async () => {
    const run = await stage.replay(patched.path, results('production-copy-change'), 'production copy, the change');
    runs.replayOnPatch = run;

    expect(run.passed).toBe(false);
    expect(run.api.offending.map((offender) => offender.entry.name).sort()).toEqual(
      ['Olena 🇺🇦', 'Zoë 👩‍👩‍👧‍👦', '🦄 Luna'].sort(),
    );
    const unicorn = run.api.offending.find((offender) => offender.entry.name === '🦄 Luna')!;
    expect(unicorn.problems).toContainEqual(
      expect.stringMatching(/^GET \/api\/entries\?limit=1 answered 500: .* the list breaks at this entry/),
    );
    expect(unicorn.problems).toContainEqual(
      expect.stringMatching(new RegExp(`^GET /api/entries/${unicorn.entry.id} answered 500`)),
    );
    expect(run.apiErrors).toContainEqual(expect.stringContaining('URIError: URI malformed'));
    expect(summaryLines(run).join('\n')).toContain('"🦄 Luna" (entry');
    expect(readFileSync(run.apiJUnit, 'utf8')).toContain('name: U+1F984 UNICORN FACE');

    expect(run.browser?.passed).toBe(false);
    expect(run.browser?.failures.join('\n')).toContain(
      'The page shows an error instead of entries ("nothing is loading")',
    );
    expect(run.browser?.failures.join('\n')).toContain(
      'Failed to load resource: the server responded with a status of 500',
    );
    expect(readFileSync(join(results('production-copy-change'), 'replay-browser-junit.xml'), 'utf8')).toContain(
      'U+1F984 UNICORN FACE',
    );
  });

  it('when replayed on the same copy against HEAD, then both suites pass on every entry', async () => {
    const run = await stage.replay(REPO_ROOT, results('production-copy-head'), 'production copy, HEAD');
    runs.replayOnHead = run;

    expect(run.passed, explain(run)).toBe(true);
    expect(run.api.entries).toBe(20 + 21);
    expect(run.browser?.checked).toBe(run.api.entries);
  });

  it('when the demo report is written from these runs, then it names the entries by code point beside a screenshot of each page', async () => {
    const dir = results('report');
    const page = await writeStoryReport({
      stage,
      changeCheckout: patched.path,
      results: runs as StoryResults,
      timings: [],
      dir,
    });

    expect(page).toBe(join(dir, 'index.html'));
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('<bdi class="entry-name">🦄 Luna</bdi>');
    expect(html).toContain('name: U+1F984 UNICORN FACE');
    expect(html).toContain('<td class="fail">FAIL: 3 entries');
    const story = JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8')) as RecordedStory;
    expect(story.screenshots.flat().map((shot) => shot.seen)).toEqual([
      'The page showed its error: "Entries could not be loaded: Something went wrong on our side.".',
      expect.stringMatching(/^The page listed \d+ entries\.$/),
      `The page listed ${DUMMY_ENTRIES.length} entries.`,
      expect.stringMatching(/^The page listed \d+ entries\.$/),
    ]);
    for (const shot of story.screenshots.flat()) {
      expect(html).toContain(`<img src="${shot.file}"`);
      expect(readFileSync(join(dir, shot.file)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    }
  });

  it('when `npm run replay -- --snapshot <artifact> --patch <patch>` runs, then it restores into a node of its own, fails on the unicorn, and cleans up', async () => {
    const run = await replay({
      snapshot: artifact,
      patch: REGRESSION_PATCH,
      resultsDir: results('replay-cli-change'),
      browser: false,
    });

    expect(run.data).toBe('restored snapshot');
    expect(run.passed).toBe(false);
    expect(run.api.offending.map((offender) => offender.entry.name)).toContain('🦄 Luna');
    expect(run.browser).toBeUndefined();
  });
});
