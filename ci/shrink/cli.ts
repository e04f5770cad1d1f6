import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, TEST_RESULTS_DIR } from '../repo/paths.js';
import { summaryLines } from '../replay/summary.js';
import { REGRESSION_FIXTURES_DIR } from '../seed/regression-fixtures.js';
import { maskingForCopy } from '../snapshot/index.js';
import { shrinkSnapshot } from './shrink-snapshot.js';
import { shrinkLines } from './shrink-to-fixtures.js';

const USAGE = `Usage: npm run shrink -- --snapshot DIR [--patch FILE | --api CHECKOUT] [--out DIR]
                         [--masking-key-file FILE | --unmasked]

Restores the snapshot into a Cassandra node of its own, replays the API suite on it against the change (--patch, applied
to HEAD in a worktree) or another checkout (--api), and when it fails, shrinks each kind of failure to the entries that
cause it (delta debugging, each probe a scratch keyspace holding just the candidates). Writes one JSON-lines fixture per
failure signature to --out (default ci/regressions/fixtures). A masked artifact is used as it is; an unmasked one is
masked in place in the copy with the key from $MASKING_KEY or --masking-key-file, so the fixtures are masked too;
--unmasked keeps production text, on purpose.
Exit 0 when fixtures were written, 1 when the replay passed (nothing to shrink), 2 when it could not run.`;

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    patch: { type: 'string' },
    api: { type: 'string' },
    out: { type: 'string' },
    'masking-key-file': { type: 'string' },
    unmasked: { type: 'boolean', default: false },
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

const maskingFlags = {
  keyFile: values['masking-key-file'] && fromCwd(values['masking-key-file']),
  unmasked: values.unmasked,
};

try {
  const masking = await maskingForCopy(fromCwd(values.snapshot!), maskingFlags, 'Shrinking');
  const run = await shrinkSnapshot({
    ...(masking ? { masking } : {}),
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
    console.log("UNMASKED: the fixtures hold the snapshot's text as it is (--unmasked); do not commit people's data.");
  }
  process.exit(run.shrunk.files.length ? 0 : 1);
} catch (error) {
  console.error(`The shrink could not run: ${(error as Error).message}`);
  process.exit(2);
}
