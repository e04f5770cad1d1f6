import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CassandraNode } from '@guestbook/cassandra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CqlEndpoint } from '../../snapshot/cql-client.js';
import { dumpKeyspace, endpointOf, expectSameRows, seedGuestbook } from './fixtures.js';
import { startHandStartedNode, type HandStartedNode } from './hand-started-node.js';

/*
 * Production as most teams run it: a node this project did not start, reached by its data directory, its JMX port
 * behind a login and its CQL address. The CLI takes it and restores it, as an operator would.
 */
const KS = 'guestbook';
let home: string;
let production: HandStartedNode;
let ci: CassandraNode;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'external-node-test-'));
  production = await startHandStartedNode(join(home, 'production'));
  ci = await CassandraNode.start({ directory: join(home, 'ci'), clusterName: 'ci' });
  await seedGuestbook(productionEndpoint(), KS, 200);
}, 480_000);

afterAll(async () => {
  await Promise.all([production?.stop(), ci?.stop()]);
  await rm(home, { recursive: true, force: true });
});

const productionEndpoint = (): CqlEndpoint => ({
  contactPoints: [production.contactPoint],
  credentials: production.credentials,
});

function snapshotCli(args: string[], env: Record<string, string> = {}) {
  const { jmx, credentials } = production;
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'snapshot/cli.ts', ...args], {
    cwd: join(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      JMX_USERNAME: jmx.username,
      JMX_PASSWORD: jmx.password,
      CASSANDRA_USERNAME: credentials.username,
      CASSANDRA_PASSWORD: credentials.password,
      ...env,
    },
  });
}

const takeArgs = (root: string, dataDir = production.dataDirectory) => [
  'take',
  '--kind',
  'physical',
  '--keyspace',
  KS,
  '--root',
  root,
  '--data-dir',
  dataDir,
  '--jmx',
  `${production.jmx.host}:${production.jmx.port}`,
  '--contact-points',
  production.contactPoint,
  // Raw SSTables of a test node holding synthetic entries: said on purpose, as a physical take must.
  '--unmasked',
];

describe('a node this project did not start', () => {
  it('when taken by data directory, JMX with a login and contact point, then the CLI restores it row for row', async () => {
    const root = join(home, 'artifacts');

    const taken = await snapshotCli(takeArgs(root));
    const artifact = taken.stdout.split('\n')[0]!;
    await snapshotCli(['restore', artifact, '--keyspace', 'guestbook_ci', '--node-dir', ci.directory, '--unmasked']);

    expect(existsSync(join(home, 'production', 'node.json'))).toBe(false);
    expect(taken.stdout).toMatch(/rows \(sstable-statistics-sum\): entries_by_day=211 /);
    expectSameRows(await dumpKeyspace(endpointOf(ci), 'guestbook_ci'), await dumpKeyspace(productionEndpoint(), KS));
    // The take cleared its tag on production: nothing is left in the node's snapshots folders.
    const tableDirs = await readdir(join(production.dataDirectory, KS));
    for (const dir of tableDirs) {
      expect(await readdir(join(production.dataDirectory, KS, dir, 'snapshots')).catch(() => [])).toEqual([]);
    }
  });

  it('when the JMX password is wrong, then the take fails with one sentence naming the variables and leaves nothing', async () => {
    const root = join(home, 'refused');
    await mkdir(root);

    const failed = snapshotCli(takeArgs(root), { JMX_PASSWORD: 'not it' });

    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: `JMX at 127.0.0.1:${production.jmx.port} refused the login: set JMX_USERNAME and JMX_PASSWORD to a user in the node's JMX password file.\n`,
    });
    expect(await readdir(root)).toEqual([]);
  });

  it('when the data directory is not the node’s, then the take fails with one sentence saying which folder to pass', async () => {
    const failed = snapshotCli(takeArgs(join(home, 'wrong-dir'), join(home, 'production', 'var', 'lib')));

    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^\S+ is not a Cassandra data directory \(it has no system_schema folder\)/),
    });
  });

  it('when the flags do not pair up, then the CLI says how many of each it got', async () => {
    const failed = snapshotCli([...takeArgs(join(home, 'unpaired')), '--data-dir', production.dataDirectory]);

    await expect(failed).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('2 --data-dir, 1 --jmx and 1 --contact-points were given'),
    });
  });
});
