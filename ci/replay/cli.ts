import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CI_DIR, TEST_RESULTS_DIR } from '../repo/paths.js';
import { maskingForCopy, parseDuration } from '../snapshot/index.js';

import { createMasker, maskingFromFlags, type SnapshotMasking } from '../snapshot/masking/index.js';
import { replay } from './replay.js';
import { summaryLines } from './summary.js';

const USAGE = `Usage: npm run replay -- [--snapshot DIR [--copy-nodes N]] [--contact-points HOST:PORT,...] [--local-dc DC] [--keyspace KS]
                         [--api CHECKOUT | --patch FILE] [--no-browser]
                         [--budget DURATION] [--sample N] [--unusual-cap N] [--seed N]
                         [--masking-key-file FILE | --unmasked] [--baseline-profile FILE]

Runs the API suite and the browser suite (Chromium) against the guestbook API, on:
  --snapshot DIR          a snapshot artifact, restored into an isolated copy (a node of its own, or the cluster
                          given by --contact-points / CASSANDRA_CONTACT_POINTS, logical artifacts only there)
  --copy-nodes N          with --snapshot of an N-node cluster (physical): the copy is an N-node cluster whose
                          node i owns source node i's tokens and holds its SSTables (default: one node holds all)
  --keyspace KS           with --contact-points: a keyspace that already is a copy (a cloned volume), masked in
                          place first when a key is given
  (neither)               dummy data: the hand-written entries signed into a fresh keyspace
A masked artifact is replayed as it is. An unmasked one (physical, or taken with --unmasked) is masked in place in
the copy before any suite reads it, with the key from $MASKING_KEY or --masking-key-file; --unmasked replays it as it
is, on purpose.
The API is this checkout's, or --api another checkout, or --patch a patch applied to HEAD in a worktree.
The list is compared in full, page by page. By id, the suite reads every unusual entry up to --unusual-cap (20000)
plus --sample (5000) others drawn with --seed (1). --budget (e.g. 10m) caps the suites' time; the summary says what
was covered. --baseline-profile (the previous snapshot's profile.json or artifact) puts entries holding shapes
new since then first in both samples (npm run snapshot -- drift says which shapes).
Reports: ci/test-results/replay-*-junit.xml, ci/playwright-report/replay/index.html. Exit 1 when a suite fails.`;

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    'copy-nodes': { type: 'string' },
    'contact-points': { type: 'string', default: process.env.CASSANDRA_CONTACT_POINTS },
    'local-dc': { type: 'string', default: process.env.CASSANDRA_LOCAL_DC ?? 'datacenter1' },
    keyspace: { type: 'string' },
    api: { type: 'string' },
    patch: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    budget: { type: 'string' },
    sample: { type: 'string' },
    'unusual-cap': { type: 'string' },
    seed: { type: 'string' },
    'masking-key-file': { type: 'string' },
    unmasked: { type: 'boolean', default: false },
    'baseline-profile': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.keyspace && !values['contact-points']) {
  console.error(`--keyspace needs --contact-points (or CASSANDRA_CONTACT_POINTS)\n\n${USAGE}`);
  process.exit(2);
}
const copyNodes = values['copy-nodes'] === undefined ? undefined : Number(values['copy-nodes']);
if (copyNodes !== undefined && (!values.snapshot || !Number.isInteger(copyNodes) || copyNodes < 1)) {
  console.error(`--copy-nodes needs --snapshot and a whole number of nodes\n\n${USAGE}`);
  process.exit(2);
}
if (values['baseline-profile'] && !values.snapshot) {
  console.error(`--baseline-profile needs --snapshot: the drift is between the two snapshots' profiles\n\n${USAGE}`);
  process.exit(2);
}
if (values.api && values.patch) {
  console.error(`Give --api or --patch, not both\n\n${USAGE}`);
  process.exit(2);
}

// The suites run in their own processes and read these from the environment; they check the values themselves.
for (const [flag, variable] of [
  ['sample', 'REPLAY_SAMPLE'],
  ['unusual-cap', 'REPLAY_UNUSUAL_CAP'],
  ['seed', 'REPLAY_SEED'],
] as const) {
  if (values[flag] !== undefined) process.env[variable] = values[flag];
}
let budgetMs: number | undefined;
try {
  budgetMs = values.budget === undefined ? undefined : parseDuration(values.budget);
} catch (error) {
  console.error(`--budget: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

// npm runs scripts in the package directory; paths on the command line are meant from where the command was typed.
const fromCwd = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const credentials =
  process.env.CASSANDRA_USERNAME && process.env.CASSANDRA_PASSWORD
    ? { credentials: { username: process.env.CASSANDRA_USERNAME, password: process.env.CASSANDRA_PASSWORD } }
    : {};
const endpoint = values['contact-points']
  ? {
      contactPoints: values['contact-points'].split(',').map((s) => s.trim()),
      localDataCenter: values['local-dc'],
      ...credentials,
    }
  : undefined;

const maskingFlags = {
  keyFile: values['masking-key-file'] && fromCwd(values['masking-key-file']),
  unmasked: values.unmasked,
};

/**
 * A copy that already exists (a cloned volume) is masked in place when a key is given. Without one it is replayed as
 * it is, with a warning: such a copy never left production's storage, and the scripts that make one run beside it.
 */
function existingCopyMasking(keyspace: string): SnapshotMasking | undefined {
  const choice = maskingFromFlags(maskingFlags);
  if (choice && choice !== 'unmasked') {
    createMasker(choice); // a key too short is refused before anything is touched
    return choice;
  }
  if (!choice)
    console.error(
      `UNMASKED: the copy ${keyspace} is replayed as it is, production text included; set MASKING_KEY (or ` +
        '--masking-key-file) to mask it in place first, or --unmasked to say this is meant.',
    );
  return undefined;
}

try {
  const masking = values.snapshot
    ? await maskingForCopy(fromCwd(values.snapshot), maskingFlags, 'Replaying')
    : values.keyspace
      ? existingCopyMasking(values.keyspace)
      : undefined;
  const run = await replay({
    ...(masking ? { masking } : {}),
    ...(values.snapshot ? { snapshot: fromCwd(values.snapshot) } : {}),
    ...(copyNodes ? { copyNodes } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(values.keyspace ? { keyspace: values.keyspace } : {}),
    ...(values.api ? { checkout: fromCwd(values.api) } : {}),
    ...(values.patch ? { patch: fromCwd(values.patch) } : {}),
    ...(values['baseline-profile'] ? { baselineProfile: fromCwd(values['baseline-profile']) } : {}),
    resultsDir: TEST_RESULTS_DIR,
    browserReportDir: join(CI_DIR, 'playwright-report', 'replay'),
    browser: !values['no-browser'],
    ...(budgetMs === undefined ? {} : { budgetMs }),
    log: (line) => console.error(line),
  });
  console.log(`\nReplay on ${run.data}: ${run.passed ? 'PASSED' : 'FAILED'}`);
  for (const line of summaryLines(run)) console.log(line);
  process.exit(run.passed ? 0 : 1);
} catch (error) {
  console.error(`The replay could not run: ${(error as Error).message}`);
  process.exit(2);
}
