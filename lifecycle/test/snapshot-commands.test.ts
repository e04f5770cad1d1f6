import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntriesRepository, connectAndMigrate, loadConfig } from '@guestbook/api';
import { CassandraNode, cassandraJvmsUnder } from '@guestbook/cassandra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, type Signal } from '../support/command.js';
import { interruptMidStart, type InterruptedRun } from '../support/interrupt.js';
import { matrixTable } from '../support/matrix.js';
import { killGroups, processGroupOf, processesMatching } from '../support/processes.js';

const KEYSPACE = 'lifecycle_source';
const SIGNALS: Signal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const root = mkdtempSync(join(tmpdir(), 'guestbook-interrupted-snapshot-'));
const runs: InterruptedRun[] = [];
let source: CassandraNode;
let artifact: string;

// A production stand-in with a few entries, and one physical artifact of it for the restores.
beforeAll(async () => {
  source = await CassandraNode.start({ directory: join(root, 'source'), clusterName: 'lifecycle-source' });
  const config = loadConfig({ CASSANDRA_CONTACT_POINTS: source.contactPoint, CASSANDRA_KEYSPACE: KEYSPACE });
  const client = await connectAndMigrate(config.cassandra);
  try {
    const entries = new EntriesRepository(client);
    for (let i = 0; i < 20; i++) await entries.insert({ name: `Visitor ${i}`, message: `Entry number ${i}` });
  } finally {
    await client.shutdown();
  }
  const take = spawnSync('npm', ['run', '--silent', 'snapshot', '--', ...takeArgs(join(root, 'artifacts'))], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (take.status !== 0) throw new Error(`The snapshot for the restores failed:\n${take.stdout}${take.stderr}`);
  artifact = take.stdout.split('\n')[0]!;
});
afterAll(async () => {
  await source?.stop();
  killGroups(cassandraJvmsUnder(root));
  rmSync(root, { recursive: true, force: true });
  process.stdout.write(`\n${matrixTable(runs)}\n`);
});

function takeArgs(artifactsRoot: string): string[] {
  return [
    'take',
    '--kind',
    'physical',
    '--keyspace',
    KEYSPACE,
    '--node-dir',
    source.directory,
    '--root',
    artifactsRoot,
    // A physical artifact holds the raw SSTables: the CLI asks for the opt-in, here on fixture entries.
    '--unmasked',
  ];
}

const cases = SIGNALS.flatMap(
  (signal) =>
    [
      { verb: 'take', signal },
      { verb: 'restore', signal },
    ] as const,
);

describe.concurrent('the snapshot CLI interrupted after its JVM started', () => {
  for (const { verb, signal } of cases) {
    it(`when snapshot ${verb} gets ${signal}, then it ends so, with no JVM of its own left`, async () => {
      const home = mkdtempSync(join(root, `${verb}-${signal}-`));
      // A take starts no Cassandra, only its JMX client JVM (in the command's process group); a restore starts a node.
      const take = verb === 'take';
      const args = take
        ? takeArgs(join(home, 'artifacts'))
        : ['restore', artifact, '--keyspace', 'copy', '--new-node-dir', join(home, 'node'), '--unmasked'];

      const run = await interruptMidStart({
        command: `npm run snapshot -- ${verb} ...`,
        script: 'snapshot',
        args,
        signal,
        home,
        ...(take
          ? { jvms: (command) => processesMatching('SnapshotJmx').filter((pid) => processGroupOf(pid) === command.pid) }
          : {}),
      });
      runs.push(run);

      expect(run.jvmsLeft, run.log).toEqual([]);
      expect(run.endedBySignal, `${JSON.stringify(run.ending)}\n${run.log}`).toBe(true);
      expect(source.isRunning()).toBe(true);
    });
  }
});
