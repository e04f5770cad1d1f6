import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REGRESSION_PATCH, REPO_ROOT, TEST_RESULTS_DIR } from '../repo/paths.js';
import type { SuitesResult } from '../replay/run-suites.js';
import { summaryLines } from '../replay/summary.js';
import { shrinkLines, shrinkToFixtures } from '../shrink/shrink-to-fixtures.js';
import { Narrator, paint, seconds } from './narrator.js';
import { writeStoryReport } from './report/write-report.js';
import { StoryStage } from './story-stage.js';
import { storyHeld, storyTable } from './story-table.js';
import { compareWithProduction, demoMasking, maskedOffenderLines } from './masked-story.js';
import { parseArgs } from 'node:util';

// --masked: the same story on a copy masked at the source, as the pipeline takes it (docs/masking.md).
// --nodes N: production as an N-node cluster with a replica on every node, as production runs (docs/demo.md).
const { masked, nodes: nodesText } = parseArgs({
  options: { masked: { type: 'boolean', default: false }, nodes: { type: 'string', default: '1' } },
}).values;
const nodes = Number(nodesText);
if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9) {
  console.error(`--nodes must be a whole number from 1 to 9 (got ${nodesText})`);
  process.exit(2);
}
const masking = masked ? demoMasking() : undefined;

const RESULTS = join(TEST_RESULTS_DIR, 'demo');
const TARGET_MS = 180_000;

const began = performance.now();
const root = mkdtempSync(join(tmpdir(), 'guestbook-demo-'));
const narrator = new Narrator(11);
let stage: StoryStage | undefined;
let interrupted = false;

async function cleanUp(): Promise<void> {
  const current = stage;
  stage = undefined;
  await current?.close();
  rmSync(root, { recursive: true, force: true });
}

// Ctrl-C mid-demo still stops both nodes and the APIs and removes the worktree.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.log(`\n${signal}: stopping everything the demo started…`);
    void cleanUp().finally(() => process.exit(128 + constants.signals[signal]));
  });
}

const outcome = (r: SuitesResult, expectFailure = false) =>
  r.passed
    ? paint('green', `✓ PASSED${expectFailure ? ' — the replay missed it!' : ''}`)
    : paint(expectFailure ? 'yellow' : 'red', `✗ FAILED${expectFailure ? ', as it should' : ''}`);
const indent = (lines: string[]) => lines.forEach((l) => narrator.say(l));

let exitCode = 1;
try {
  console.log(
    paint(
      'bold',
      'The guestbook demo: the tests pass on dummy data, production data breaks the change, the replay catches it.',
    ),
  );

  const production = nodes > 1 ? `a ${nodes}-node Cassandra cluster` : 'a Cassandra node';
  stage = await narrator.step(`Start production: ${production} with the API at HEAD (and a CI node beside it)`, () =>
    StoryStage.start(root, (l) => narrator.say(paint('dim', l)), { nodes }),
  );
  const productionContactPoints = stage.production.nodes.map((node) => node.contactPoint);
  narrator.say(
    `production API: ${stage.production.api.url}   (Cassandra ${productionContactPoints.join(', ')}, CI node ${stage.ci.contactPoint})`,
  );

  await narrator.step(
    'Visitors sign the guestbook through the API',
    () => stage!.seed(),
    (s) =>
      paint(
        'green',
        `✓ ${s.signed.length} entries: ${s.ordinary} ordinary, ${s.corpus} from the hostile corpus (ci/corpus); the newest is "${s.signed.at(-1)?.name}"`,
      ),
  );

  const worktree = await narrator.step(
    `The change: ${relative(REPO_ROOT, REGRESSION_PATCH)}, applied in a git worktree of HEAD`,
    () => stage!.patchedWorktree(),
  );
  narrator.say('"Entries: author initials and avatar URL for the page" — initials by UTF-16 index, no guard per entry');

  const dummyOnPatch = await narrator.step(
    'Plain CI: the API and browser suites on dummy data, against the change',
    () => stage!.dummyRun(worktree.path, join(RESULTS, 'dummy-data-change')),
    (r) => outcome(r),
  );
  narrator.say('Alice, Bob Smith, Carol… all green. The change ships. Next morning: "nothing is loading".');

  const { copy } = await narrator.step(
    `Snapshot production${masking ? ', masked at the source,' : ''} and restore it into an isolated copy on the CI node`,
    () => stage!.snapshotAndRestore(masking),
    ({ taken, copy }) =>
      paint(
        'green',
        `✓ ${taken.manifest.kind} snapshot ${taken.manifest.id}, restored as keyspace ${copy.keyspace}` +
          (copy.masking.state === 'masked' ? `, masked (key ${copy.masking.keyFingerprint})` : ''),
      ),
  );

  const replayOnPatch = await narrator.step(
    'Replay: the same suites on the copy of production, against the change',
    () => stage!.replay(worktree.path, join(RESULTS, 'production-copy-change'), 'production copy, the change'),
    (r) => outcome(r, true),
  );
  indent(summaryLines(replayOnPatch, REPO_ROOT));
  const maskedOffenders = masking
    ? await compareWithProduction(replayOnPatch, { contactPoints: productionContactPoints }, 'guestbook')
    : [];
  indent(maskedOffenderLines(maskedOffenders));

  const shrunk = await narrator.step(
    'Shrink: each failure of the replay down to the entries that cause it, written as regression fixtures',
    () =>
      shrinkToFixtures({
        source: { endpoint: { contactPoints: copy.contactPoints }, keyspace: copy.keyspace },
        named: replayOnPatch.api.offending.map((offender) => offender.entry),
        checkout: worktree.path,
        outDir: join(RESULTS, 'fixtures'),
        copyMasking: copy.masking.state === 'masked' ? copy.masking.keyFingerprint : undefined,
      }),
    (r) => paint('green', `✓ ${r.entries.length} entries in ${r.files.length} fixtures`),
  );
  indent(shrinkLines(shrunk));
  const fixtures = {
    onPatch: await narrator.step(
      'Plain CI with the fixtures committed: dummy data and the fixtures, against the change',
      () => stage!.dummyRun(worktree.path, join(RESULTS, 'dummy-fixtures-change'), shrunk.entries),
      (r) => outcome(r, true),
    ),
    onHead: await narrator.step(
      'Plain CI with the fixtures, against HEAD',
      () => stage!.dummyRun(REPO_ROOT, join(RESULTS, 'dummy-fixtures-head'), shrunk.entries),
      (r) => outcome(r),
    ),
  };

  const replayOnHead = await narrator.step(
    'Replay on HEAD: the grapheme-aware fix, same copy, same suites',
    () => stage!.replay(REPO_ROOT, join(RESULTS, 'production-copy-head'), 'production copy, HEAD'),
    (r) => outcome(r),
  );

  // Completes the before/after table: the fix must also keep passing what plain CI checks.
  const dummyOnHead = await narrator.step(
    'HEAD on dummy data: the fix passes plain CI too',
    () => stage!.dummyRun(REPO_ROOT, join(RESULTS, 'dummy-data-head')),
    (r) => outcome(r),
  );

  const results = { dummyOnPatch, dummyOnHead, replayOnPatch, replayOnHead, fixtures };
  console.log(`\n${paint('bold', 'Before / after')}`);
  for (const line of storyTable(results)) console.log(`  ${line}`);
  const report = await writeStoryReport({
    stage,
    changeCheckout: worktree.path,
    results,
    timings: narrator.timings,
  }).then(
    (file) => relative(process.cwd(), file),
    (error: Error) => `not written (${error.message})`,
  );
  console.log(`\nReport, with screenshots side by side: ${report}`);
  console.log('\nTime per step:');
  for (const t of narrator.timings) console.log(`  ${seconds(t.ms).padStart(7)}  ${t.title}`);
  exitCode = storyHeld(results) && maskedOffenders.every((o) => o.sameAsProduction) ? 0 : 1;
  console.log(
    exitCode === 0
      ? paint(
          'green',
          '\nThe story held: dummy data passed the change, a copy of production caught it and named the entries, HEAD passes.',
        )
      : paint('red', '\nThe story did not hold: see the steps above.'),
  );
} catch (error) {
  // After Ctrl-C the step in flight fails because its processes were stopped: that is not news.
  if (!interrupted)
    console.error(paint('red', `\nThe demo could not finish: ${(error as Error).stack ?? String(error)}`));
} finally {
  const stopping = performance.now();
  await cleanUp();
  console.log(`Stopped every process the demo started and removed ${root} (${seconds(performance.now() - stopping)}).`);
  const total = performance.now() - began;
  console.log(
    paint(
      'bold',
      `Total: ${seconds(total)} (target ${seconds(TARGET_MS)}${total > TARGET_MS ? ' — over target' : ''}). Reports: ${relative(process.cwd(), RESULTS)}/`,
    ),
  );
}
process.exit(exitCode);
