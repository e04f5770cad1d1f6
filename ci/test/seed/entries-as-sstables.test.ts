import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraNode } from '@guestbook/cassandra';
import type { types } from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticEntriesFast } from '../../seed/entries-as-sstables.js';
import { applyGuestbookSchema, writeSyntheticEntries } from '../../seed/synthetic-entries.js';
import { connect, endpointOf } from '../../snapshot/cql-client.js';

// A few thousand entries cover every table, day and word; several row files (100k entries each) would cost minutes.
const ENTRIES = 3000;
type Row = types.Row;
let home: string;
let node: CassandraNode;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'entries-as-sstables-'));
  node = await CassandraNode.start({ directory: join(home, 'node'), clusterName: 'seed' });
});

afterAll(async () => {
  await node?.stop();
  await rm(home, { recursive: true, force: true });
});

/** Every row of the three tables as text, sorted, and each entry row's write times (µs) by entry id. */
async function readBack(keyspace: string) {
  const client = await connect(endpointOf(node), keyspace);
  try {
    const rows: string[] = [];
    const written = new Map<string, bigint[]>();
    // The driver's result stream is a Readable; its declared type is only an EventEmitter.
    const each = (query: string) =>
      client.stream(query, [], { prepare: true, autoPage: true, fetchSize: 1000 }) as unknown as AsyncIterable<Row>;
    for await (const row of each(
      'SELECT day, id, name, message, WRITETIME(name) AS n, WRITETIME(message) AS m FROM entries_by_day',
    )) {
      rows.push(JSON.stringify(['by_day', row.day, String(row.id), row.name, row.message]));
      written.set(String(row.id), [BigInt(String(row.n)), BigInt(String(row.m))]);
    }
    for await (const row of each('SELECT id, day, name, message FROM entries_by_id'))
      rows.push(JSON.stringify(['by_id', String(row.id), row.day, row.name, row.message]));
    for await (const row of each('SELECT shard, day FROM entry_days'))
      rows.push(JSON.stringify(['days', row.shard, row.day]));
    return { rows: rows.sort(), written };
  } finally {
    await client.shutdown();
  }
}

describe('writeSyntheticEntriesFast', () => {
  it('when the same entries are loaded over CQL and as SSTables, then the three tables read back the same rows', async () => {
    await applyGuestbookSchema(endpointOf(node), 'over_cql');
    await writeSyntheticEntries(endpointOf(node), 'over_cql', { from: 0, to: ENTRIES });
    await applyGuestbookSchema(endpointOf(node), 'as_sstables');
    const before = BigInt(Date.now()) * 1000n;
    const lines: string[] = [];
    await writeSyntheticEntriesFast(node, 'as_sstables', { from: 0, to: ENTRIES }, (line) => lines.push(line));
    const after = BigInt(Date.now()) * 1000n;

    const overCql = await readBack('over_cql');
    const asSSTables = await readBack('as_sstables');

    expect(asSSTables.rows.length).toBe(overCql.rows.length);
    expect(asSSTables.rows).toEqual(overCql.rows);
    expect(asSSTables.rows.filter((r) => r.startsWith('["by_id"')).length).toBe(ENTRIES);
    expect(asSSTables.rows.filter((r) => r.startsWith('["by_day"')).length).toBe(ENTRIES);
    expect(asSSTables.written.size).toBe(ENTRIES);
    // Write times are those of the load, one per entry, both cells of an entry alike.
    for (const [name, message] of asSSTables.written.values()) {
      expect(name).toBe(message);
      expect(name! >= before && name! <= after).toBe(true);
    }
    expect(lines.some((line) => line.includes('(done)'))).toBe(true);
  }, 600_000);
});
