import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CassandraNode } from '@guestbook/cassandra';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../snapshot/cql-client.js';
import { runSSTableMetadata } from '../../snapshot/physical/sstable-statistics.js';
import { readTotalRows } from '../../snapshot/physical/sstable-total-rows.js';
import {
  listArtifacts,
  pruneSnapshots,
  restoreSnapshot,
  takeSnapshot,
  verifySnapshot,
  type TakenSnapshot,
} from '../../snapshot/index.js';
import {
  dumpKeyspace,
  endpointOf,
  expectSameRows,
  liveSSTableChecksums,
  seedGuestbook,
  startNodes,
} from './fixtures.js';

const KS = 'guestbook';
// The day of the rows written while a snapshot is taken, kept apart from the seeded ones.
const WRITTEN_DURING = '2030-01-01';
let home: string;
let root: string;
let production: CassandraNode;
let ci: CassandraNode;
let physical: TakenSnapshot;
let logical: TakenSnapshot;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'snapshot-test-'));
  root = join(home, 'artifacts');
  ({ production, ci } = await startNodes(home));
  await seedGuestbook(endpointOf(production), KS, 400);
  physical = await takeSnapshot({ kind: 'physical', keyspace: KS, root, nodes: [production] });
  logical = await takeSnapshot({ kind: 'logical', keyspace: KS, root, nodes: [production] });
});

afterAll(async () => {
  await Promise.all([production?.stop(), ci?.stop()]);
  await rm(home, { recursive: true, force: true });
});

describe('take and restore', () => {
  it('when physical and logical snapshots of the same data are restored, then every copy holds the production rows byte for byte with the same write times', async () => {
    const source = await dumpKeyspace(endpointOf(production), KS);
    const fromPhysical = await restoreSnapshot({
      artifact: physical.directory,
      keyspace: 'copy_physical',
      target: { node: ci },
    });
    // Onto a node: written as SSTables and imported. Over CQL only: written row by row.
    const fromLogical = await restoreSnapshot({
      artifact: logical.directory,
      keyspace: 'copy_logical',
      target: { node: ci },
    });
    const fromLogicalCql = await restoreSnapshot({
      artifact: logical.directory,
      keyspace: 'copy_logical_cql',
      target: { endpoint: endpointOf(ci) },
    });

    expect(source.entries_by_id).toHaveLength(400 + 11 + 3);
    expectSameRows(await dumpKeyspace(endpointOf(ci), 'copy_physical'), source);
    expectSameRows(await dumpKeyspace(endpointOf(ci), 'copy_logical'), source);
    expectSameRows(await dumpKeyspace(endpointOf(ci), 'copy_logical_cql'), source);
    expect(physical.manifest.tables.find((t) => t.name === 'entries_by_day')?.rows).toEqual({
      count: 411,
      method: 'sstable-statistics-sum',
      byNode: [411],
    });
    expect(logical.manifest.tables.find((t) => t.name === 'entries_by_id')?.rows).toEqual({
      count: 414,
      method: 'scan-exact',
    });
    await Promise.all([fromPhysical.stop(), fromLogical.stop(), fromLogicalCql.stop()]);
  });

  it('when the copy is written to, compacted and dropped, then production rows, production SSTables and the artifact are unchanged', async () => {
    const rowsBefore = await dumpKeyspace(endpointOf(production), KS);
    const sstablesBefore = await liveSSTableChecksums(production, KS);
    const copy = await restoreSnapshot({
      artifact: physical.directory,
      keyspace: 'copy_written',
      target: { node: ci },
    });

    const client = await connect(endpointOf(ci), 'copy_written');
    const some = (await client.execute('SELECT id FROM entries_by_id LIMIT 50')).rows.map(
      (r) => r.get('id') as unknown,
    );
    for (const id of some)
      await client.execute('UPDATE entries_by_id SET message = ? WHERE id = ?', ['changed in the copy', id]);
    await client.execute('DELETE FROM entries_by_day WHERE day = ?', ['2024-06-01']);
    await client.execute('INSERT INTO entry_days (shard, day) VALUES (0, ?)', ['2099-01-01']);
    await client.shutdown();
    await ci.nodetool('flush', '--', 'copy_written');
    await ci.nodetool('compact', '--', 'copy_written');
    await copy.stop();

    expect(await liveSSTableChecksums(production, KS)).toEqual(sstablesBefore);
    expectSameRows(await dumpKeyspace(endpointOf(production), KS), rowsBefore);
    await expect(verifySnapshot(physical.directory)).resolves.toMatchObject({ manifest: { id: physical.id } });
  });

  it('when production takes reads and writes during a physical snapshot, then none fail or are lost, and no snapshot is left on the node', async () => {
    const client = await connect(endpointOf(production), KS);
    const acknowledged: { id: cassandra.types.TimeUuid; at: number }[] = [];
    const failures: unknown[] = [];
    let writing = true;
    const writer = async (lane: number) => {
      for (let n = 0; writing; n++) {
        const id = cassandra.types.TimeUuid.now();
        try {
          await client.execute('INSERT INTO entries_by_id (id, day, name, message) VALUES (?, ?, ?, ?)', [
            id,
            WRITTEN_DURING,
            `lane ${lane}`,
            `write ${n}`,
          ]);
          acknowledged.push({ id, at: Date.now() });
          await client.execute('SELECT id FROM entries_by_id WHERE id = ?', [id]);
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const lanes = [1, 2, 3, 4].map(writer);
    await new Promise((r) => setTimeout(r, 300));
    const during = await takeSnapshot({ kind: 'physical', keyspace: KS, root, nodes: [production] });
    await new Promise((r) => setTimeout(r, 300));
    writing = false;
    await Promise.all(lanes);

    expect(failures).toEqual([]);
    const cut = Date.parse(during.manifest.takenAt);
    expect(acknowledged.filter((w) => w.at > cut).length).toBeGreaterThan(0);
    const stored = new Set(
      (await client.execute('SELECT id FROM entries_by_id WHERE day = ? ALLOW FILTERING', [WRITTEN_DURING])).rows.map(
        (r) => String(r.get('id')),
      ),
    );
    expect(acknowledged.filter((w) => !stored.has(String(w.id)))).toEqual([]);
    await client.shutdown();

    const copy = await restoreSnapshot({ artifact: during.directory, keyspace: 'copy_during', target: { node: ci } });
    const copyClient = await connect(endpointOf(ci), 'copy_during');
    const inCopy = new Set(
      (
        await copyClient.execute('SELECT id FROM entries_by_id WHERE day = ? ALLOW FILTERING', [WRITTEN_DURING])
      ).rows.map((r) => String(r.get('id'))),
    );
    await copyClient.shutdown();
    expect(acknowledged.filter((w) => w.at < cut && !inCopy.has(String(w.id)))).toEqual([]);
    await copy.stop();
    expect(await production.nodetool('listsnapshots')).not.toContain('guestbook-snapshot-');
  });

  it('when the nodes are reached through nodetool only (no JMX port known), then take and restore give the same copy', async () => {
    const viaNodetool = (node: CassandraNode) => ({
      contactPoint: node.contactPoint,
      dataDirectory: node.dataDirectory,
      nodetool: node.nodetool.bind(node),
    });
    const taken = await takeSnapshot({ kind: 'physical', keyspace: KS, root, nodes: [viaNodetool(production)] });
    const copy = await restoreSnapshot({
      artifact: taken.directory,
      keyspace: 'copy_nodetool',
      target: { node: viaNodetool(ci) },
    });
    expectSameRows(await dumpKeyspace(endpointOf(ci), 'copy_nodetool'), await dumpKeyspace(endpointOf(production), KS));
    await copy.stop();
    expect(await production.nodetool('listsnapshots')).not.toContain('guestbook-snapshot-');
  });

  it('when row counts are read from the SSTables directly, then they match what Cassandra’s sstablemetadata reports', async () => {
    const dataFiles = physical.manifest.files
      .filter((f) => f.path.endsWith('-Data.db'))
      .map((f) => join(physical.directory, f.path));
    expect(dataFiles.length).toBeGreaterThan(1);
    const direct = await Promise.all(dataFiles.map((f) => readTotalRows(f)));
    expect(direct).toEqual(dataFiles.map(() => expect.any(Number)));
    const fromTool = await runSSTableMetadata(dataFiles);
    expect(direct).toEqual(dataFiles.map((f) => fromTool.get(f)));
  });

  it('when restored into a node of its own under another keyspace name, then that node answers with the production rows', async () => {
    const source = await dumpKeyspace(endpointOf(production), KS);
    source.entries_by_id = source.entries_by_id!.filter(
      (r) => !r.row.includes(Buffer.from(WRITTEN_DURING).toString('hex')),
    );
    const copy = await restoreSnapshot({
      artifact: physical.directory,
      keyspace: 'guestbook_yesterday',
      target: { directory: join(home, 'own-node') },
    });
    try {
      expect(copy.node?.isRunning()).toBe(true);
      expect(copy).toMatchObject({
        keyspace: 'guestbook_yesterday',
        contactPoints: [copy.node?.contactPoint],
        localDataCenter: 'datacenter1',
      });
      expectSameRows(await dumpKeyspace({ contactPoints: copy.contactPoints }, 'guestbook_yesterday'), source);
    } finally {
      await copy.stop();
    }
    expect(copy.node?.isRunning()).toBe(false);
  });
});

describe('refusals', () => {
  async function tamperedCopy(name: string, tamper: (dir: string) => Promise<void>): Promise<string> {
    const dir = join(home, 'tampered', name);
    await cp(physical.directory, dir, { recursive: true }); // real copies: the originals share inodes with production
    await tamper(dir);
    return dir;
  }
  const dataFile = () =>
    physical.manifest.files.find((f) => f.table === 'entries_by_day' && f.path.endsWith('-Data.db'))!.path;
  const restoreInto = (artifact: string, keyspace: string) =>
    restoreSnapshot({ artifact, keyspace, target: { node: ci } });

  it('when a file of the artifact was altered, then restore refuses, names the file and table, and creates nothing', async () => {
    const dir = await tamperedCopy('altered', async (d) => {
      const bytes = await readFile(join(d, dataFile()));
      bytes[100] = bytes[100]! ^ 0xff;
      await writeFile(join(d, dataFile()), bytes);
    });
    await expect(restoreInto(dir, 'never_altered')).rejects.toThrow(
      `checksum mismatch in ${dataFile()} (table entries_by_day)`,
    );
    const client = await connect(endpointOf(ci));
    expect(
      (await client.execute("SELECT * FROM system_schema.keyspaces WHERE keyspace_name = 'never_altered'")).rowLength,
    ).toBe(0);
    await client.shutdown();
  });

  it('when a file is missing, or one was added, then restore refuses and names it', async () => {
    const index = dataFile().replace('-Data.db', '-Index.db');
    const missing = await tamperedCopy('missing', (d) => unlink(join(d, index)));
    await expect(restoreInto(missing, 'never_missing')).rejects.toThrow(`missing file ${index} (table entries_by_day)`);
    const extra = await tamperedCopy('extra', (d) =>
      writeFile(join(d, 'sstables/node1/entries_by_id/nb-99-big-Data.db'), 'x'),
    );
    await expect(restoreInto(extra, 'never_extra')).rejects.toThrow(
      'unexpected file sstables/node1/entries_by_id/nb-99-big-Data.db',
    );
    const grown = await tamperedCopy('grown', (d) =>
      appendFile(join(d, 'schema.cql'), '\nCREATE TABLE guestbook.extra (k int PRIMARY KEY);\n'),
    );
    await expect(restoreInto(grown, 'never_grown')).rejects.toThrow('size mismatch in schema.cql');
    const edited = await tamperedCopy('edited', async (d) => {
      const cql = await readFile(join(d, 'schema.cql'), 'utf8');
      await writeFile(join(d, 'schema.cql'), cql.replace('message text', 'message blob'));
    });
    await expect(restoreInto(edited, 'never_edited')).rejects.toThrow('checksum mismatch in schema.cql');
  });

  it('when the target keyspace has a table defined differently, then restore refuses and names the table and column', async () => {
    const client = await connect(endpointOf(ci));
    await client.execute(
      "CREATE KEYSPACE mismatch WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
    );
    await client.execute(
      'CREATE TABLE mismatch.entries_by_day (day text, id timeuuid, name text, message int, PRIMARY KEY ((day), id)) WITH CLUSTERING ORDER BY (id DESC)',
    );
    await client.shutdown();
    await expect(restoreInto(physical.directory, 'mismatch')).rejects.toThrow(
      'Schema mismatch in keyspace mismatch: table entries_by_day, column message: type is int on the target but text in the snapshot',
    );
  });

  it('when the target is the production node, then restore refuses before writing anything', async () => {
    for (const artifact of [physical, logical]) {
      await expect(
        restoreSnapshot({ artifact: artifact.directory, keyspace: 'not_here', target: { node: production } }),
      ).rejects.toThrow('Refusing to restore into the source cluster');
    }
    const client = await connect(endpointOf(production));
    expect(
      (await client.execute("SELECT * FROM system_schema.keyspaces WHERE keyspace_name = 'not_here'")).rowLength,
    ).toBe(0);
    await client.shutdown();
  });

  it('when the CLI verifies a tampered artifact, then it exits non-zero and names the file', async () => {
    const dir = await tamperedCopy('cli', (d) => unlink(join(d, 'schema.cql')));
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'snapshot/cli.ts', ...args], {
        cwd: join(import.meta.dirname, '../..'),
      });
    await expect(run('verify', dir)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('missing file schema.cql'),
    });
    await expect(run('verify', physical.directory)).resolves.toMatchObject({
      stdout: expect.stringContaining(`OK: physical snapshot ${physical.id}`),
    });
    await expect(run('take', '--kind', 'sideways')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--kind must be physical or logical'),
    });
  });
});

describe('prune', () => {
  it('when pruning by count and age, then only those artifacts, abandoned partial takes and this toolkit’s snapshot tags go', async () => {
    const pruneRoot = join(home, 'prune');
    const taken = [];
    for (let i = 0; i < 4; i++)
      taken.push(await takeSnapshot({ kind: 'logical', keyspace: KS, root: pruneRoot, nodes: [production] }));
    const [oldest, old, newer, newest] = taken.map((t) => t.directory) as [string, string, string, string];
    for (const [dir, daysAgo] of [
      [oldest, 11],
      [old, 10],
    ] as const) {
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
      manifest.takenAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    }
    const notAnArtifact = join(pruneRoot, 'notes');
    const abandoned = join(pruneRoot, '.partial-20200101T000000000Z-physical-dead');
    const running = join(pruneRoot, '.partial-29990101T000000000Z-physical-live');
    for (const dir of [notAnArtifact, abandoned, running]) await mkdir(dir, { recursive: true });
    await utimes(abandoned, new Date('2020-01-01'), new Date('2020-01-01'));
    await production.nodetool('snapshot', '-t', 'guestbook-snapshot-left-behind', '--', KS);
    await production.nodetool('snapshot', '-t', 'operator-backup', '--', KS);

    const result = await pruneSnapshots({ root: pruneRoot, keep: 3, olderThanMs: 7 * 86_400_000, nodes: [production] });

    expect(result.removed.sort()).toEqual([abandoned, old, oldest].sort());
    expect(result.kept).toEqual([newest, newer]);
    expect(result.clearedTags).toEqual([{ node: production.contactPoint, tag: 'guestbook-snapshot-left-behind' }]);
    const listing = await listArtifacts(pruneRoot);
    expect(listing.artifacts.map((a) => a.directory)).toEqual([newest, newer]);
    expect(listing.others).toEqual([notAnArtifact]);
    expect(listing.partials.map((p) => p.directory)).toEqual([running]);
    const tags = await production.nodetool('listsnapshots');
    expect(tags).toContain('operator-backup');
    expect(tags).not.toContain('guestbook-snapshot-left-behind');

    expect((await pruneSnapshots({ root: pruneRoot, keep: 1 })).removed).toEqual([newer]);
    await production.nodetool('clearsnapshot', '-t', 'operator-backup');
  });
});
