import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, TEST_RESULTS_DIR } from '../repo/paths.js';
import { summaryLines } from '../replay/summary.js';
import { REGRESSION_FIXTURES_DIR } from '../seed/regression-fixtures.js';
import { shrinkSnapshot } from './shrink-snapshot.js';
import { shrinkLines } from './shrink-to-fixtures.js';

const USAGE = `Usage: npm run shrink -- --snapshot DIR [--patch FILE | --api CHECKOUT] [--out DIR]

Restores the snapshot into a Cassandra node of its own, replays the API suite on it against the change (--patch, applied
to HEAD in a worktree) or another checkout (--api), and when it fails, shrinks each kind of failure to the entries that
cause it (delta debugging, each probe a scratch keyspace holding just the candidates). Writes one JSON-lines fixture per
failure signature to --out (default ci/regressions/fixtures), masked with the shape-preserving masking when MASKING_KEY
is set. Exit 0 when fixtures were written, 1 when the replay passed (nothing to shrink), 2 when it could not run.`;

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    patch: { type: 'string' },
    api: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const fromCwd = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const usageError = (message: string) => {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
};
if (!values.snapshot) usageError('Give the snapshot to shrink with --snapshot DIR.');
if (values.patch && values.api) usageError('Give --patch or --api, not both.');
for (const [flag, path] of [
  ['--snapshot', values.snapshot],
  ['--patch', values.patch],
  ['--api', values.api],
] as const) {
  if (path && !existsSync(fromCwd(path))) usageError(`${flag} ${path} does not exist; check the path.`);
}

const outDir = values.out ? fromCwd(values.out) : REGRESSION_FIXTURES_DIR;
try {
  const run = await shrinkSnapshot({
    snapshot: fromCwd(values.snapshot!),
    ...(values.patch ? { patch: fromCwd(values.patch) } : {}),
    ...(values.api ? { checkout: fromCwd(values.api) } : {}),
    outDir,
    resultsDir: join(TEST_RESULTS_DIR, 'shrink'),
    log: (line) => console.error(line),
  });
  for (const line of summaryLines(run.replay, REPO_ROOT)) console.log(line);
  if (!run.shrunk) {
    console.log('The replay passed: nothing to shrink.');
    process.exit(1);
  }
  console.log('');
  for (const line of shrinkLines(run.shrunk, process.env.INIT_CWD ?? process.cwd())) console.log(line);
  if (!run.shrunk.masked) {
    console.log(
      "MASKING_KEY is not set: the fixtures hold the snapshot's text as it is. Set it before committing real data.",
    );
  }
  process.exit(run.shrunk.files.length ? 0 : 1);
} catch (error) {
  console.error(`The shrink could not run: ${(error as Error).message}`);
  process.exit(2);
}
