import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TEST_RESULTS_DIR } from '../repo/paths.js';
import { REGRESSION_FIXTURES_DIR } from '../seed/regression-fixtures.js';
import { createMasker, maskingFromFlags, missingKeyMessage } from '../snapshot/masking/index.js';
import { dataCheck } from './data-check.js';
import { headline, writeDataCheckReports } from './data-check-report.js';

const USAGE = `Usage: npm run data-check -- --contact-points HOST:PORT[,...] --keyspace KS --deployed REF
                             [--local-dc DC] [--snapshots DIR] [--restore-contact-points HOST:PORT]
                             [--patch FILE] [--fixtures DIR] [--no-browser]
                             [--masking-key-file FILE | --unmasked]

Test on data changes: takes a logical snapshot of production (masked at the source with $MASKING_KEY or
--masking-key-file), compares its profile with the last accepted one in --snapshots (default $SNAPSHOT_ROOT or
.data/snapshots), and when something new appeared replays the deployed version (REF: a tag, branch or commit, in a
temporary worktree; --patch applies a change on top) on it, new shapes first. When that fails, the failures are shrunk
to their entries and written as fixtures (--fixtures, default ci/regressions/fixtures). Reports: report.md and
report.json under ci/test-results/data-check/. The copy is restored into a Cassandra node of its own, or into a keyspace
of --restore-contact-points (a CI cluster, never production).
Exit 0 when nothing new appeared or the deployed code handles it, 1 when it cannot, 2 when the check could not run.`;

const { values } = parseArgs({
  options: {
    'contact-points': { type: 'string' },
    'local-dc': { type: 'string' },
    'restore-contact-points': { type: 'string' },
    keyspace: { type: 'string' },
    deployed: { type: 'string' },
    patch: { type: 'string' },
    snapshots: { type: 'string' },
    fixtures: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
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
const usageError = (message: string): never => {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
};
const contactPoints = values['contact-points'] ?? usageError('Name production with --contact-points HOST:PORT.');
const keyspace = values.keyspace ?? usageError('Name the production keyspace with --keyspace KS.');
const deployed =
  values.deployed ?? usageError('Name the deployed version with --deployed REF (a tag, branch or commit).');
if (values.patch && !existsSync(fromCwd(values.patch)))
  usageError(`--patch ${values.patch} does not exist; check the path.`);

const points = (list: string) => list.split(',').map((point) => point.trim());
const resultsDir = join(TEST_RESULTS_DIR, 'data-check');
try {
  const keyFile = values['masking-key-file'] && fromCwd(values['masking-key-file']);
  const choice = maskingFromFlags({ keyFile, unmasked: values.unmasked });
  if (!choice) throw new Error(missingKeyMessage('A data check of production'));
  if (choice !== 'unmasked') createMasker(choice); // a key too short is refused before production is scanned
  const result = await dataCheck({
    source: {
      contactPoints: points(contactPoints),
      ...(values['local-dc'] ? { localDataCenter: values['local-dc'] } : {}),
    },
    keyspace,
    snapshotsDir: fromCwd(values.snapshots ?? process.env.SNAPSHOT_ROOT ?? '.data/snapshots'),
    deployed,
    ...(values.patch ? { patch: fromCwd(values.patch) } : {}),
    ...(choice === 'unmasked' ? {} : { masking: choice }),
    fixturesDir: values.fixtures ? fromCwd(values.fixtures) : REGRESSION_FIXTURES_DIR,
    resultsDir: join(resultsDir, 'replay'),
    browser: !values['no-browser'],
    ...(values['restore-contact-points']
      ? { restoreTarget: { endpoint: { contactPoints: points(values['restore-contact-points']) } } }
      : {}),
    log: (line) => console.error(line),
  });
  const reports = writeDataCheckReports(resultsDir, result);
  console.log(`Data check: ${headline(result)}.`);
  console.log(`report: ${reports.markdown}`);
  console.log(`report: ${reports.json}`);
  process.exit(result.outcome === 'cannot handle' ? 1 : 0);
} catch (error) {
  console.error(`The data check could not run: ${(error as Error).message}`);
  process.exit(2);
}
