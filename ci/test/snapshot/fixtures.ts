import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { entryRowAt, entryWrites } from '@guestbook/api';
import { CassandraNode } from '@guestbook/cassandra';
import { expect } from 'vitest';
import cassandra from 'cassandra-driver';
import { connect, endpointOf, type CqlEndpoint } from '../../snapshot/cql-client.js';
import { applyGuestbookSchema, writeSyntheticEntries } from '../../seed/synthetic-entries.js';

const { TimeUuid } = cassandra.types;

/** A "production" node and a "CI" node side by side, each its own single-node cluster. */
export async function startNodes(home: string): Promise<{ production: CassandraNode; ci: CassandraNode }> {
  const production = await CassandraNode.start({ directory: join(home, 'production'), clusterName: 'production' });
  const ci = await CassandraNode.start({ directory: join(home, 'ci'), clusterName: 'ci' });
  return { production, ci };
}

/** Text that breaks naive code paths; each must come back byte for byte. */
const AWKWARD_TEXT = [
  'NUL\u0000inside',
  'CR\r\nLF and\ttab',
  'e\u0301 vs é',
  '👩‍👩‍👧‍👦 family',
  'שלום עולם',
  '\uFEFFBOM first',
  'line\u2028separator',
  '𝕳𝖊𝖑𝖑𝖔 astral',
  'x'.repeat(2000),
  ' trailing space ',
  '"quotes" and \'apostrophes\' and \\backslash',
];

/**
 * The guestbook schema, synthetic entries, and rows that exercise what a snapshot must keep: awkward text, a cell
 * with a TTL, a row whose cells were written at different times, and a row with a missing cell.
 */
export async function seedGuestbook(endpoint: CqlEndpoint, keyspace: string, entries: number): Promise<void> {
  await applyGuestbookSchema(endpoint, keyspace);
  await writeSyntheticEntries(endpoint, keyspace, { from: 0, to: entries });
  const client = await connect(endpoint, keyspace);
  try {
    for (const [i, text] of AWKWARD_TEXT.entries()) {
      const row = entryRowAt({ name: `awkward ${i}`, message: text }, new Date(Date.UTC(2024, 5, 1, 12, 0, i)));
      for (const { query, params } of entryWrites(row)) await client.execute(query, params);
    }
    const ttl = TimeUuid.fromDate(new Date(Date.UTC(2024, 5, 2)));
    await client.execute('INSERT INTO entries_by_id (id, day, name, message) VALUES (?, ?, ?, ?) USING TTL 86400', [
      ttl,
      '2024-06-02',
      'ttl',
      'expires in a day',
    ]);
    const edited = TimeUuid.fromDate(new Date(Date.UTC(2024, 5, 3)));
    await client.execute(
      'INSERT INTO entries_by_id (id, day, name, message) VALUES (?, ?, ?, ?) USING TIMESTAMP 1717372800000000',
      [edited, '2024-06-03', 'before', 'first'],
    );
    await client.execute('UPDATE entries_by_id USING TIMESTAMP 1717376400000000 SET name = ? WHERE id = ?', [
      'after',
      edited,
    ]);
    const partial = TimeUuid.fromDate(new Date(Date.UTC(2024, 5, 4)));
    await client.execute('INSERT INTO entries_by_id (id, day, name) VALUES (?, ?, ?)', [
      partial,
      '2024-06-04',
      'no message',
    ]);
  } finally {
    await client.shutdown();
  }
}

/**
 * One table's rows: `row` holds keys, each text cell's UTF-8 bytes (hex) and write time; apart, when each cell's TTL
 * ends (epoch seconds, from TTL() plus the time of reading), since dumps are read seconds apart.
 */
export type TableDump = { row: string; expiries: (number | null)[] }[];

async function dumpTable(
  endpoint: CqlEndpoint,
  keyspace: string,
  table: 'entries_by_day' | 'entries_by_id' | 'entry_days',
): Promise<TableDump> {
  const cells =
    table === 'entry_days' ? [] : table === 'entries_by_day' ? ['name', 'message'] : ['day', 'name', 'message'];
  const keys = { entries_by_day: ['day', 'id'], entries_by_id: ['id'], entry_days: ['shard', 'day'] }[table];
  const select = [
    ...keys,
    ...cells.flatMap((c) => [`textAsBlob(${c})`, `WRITETIME(${c})`]),
    ...cells.map((c) => `TTL(${c})`),
  ];
  const client = await connect(endpoint);
  try {
    const dump: TableDump = [];
    let pageState: string | undefined;
    do {
      const page = await client.execute(`SELECT ${select.join(', ')} FROM ${keyspace}.${table}`, [], {
        prepare: true,
        fetchSize: 1000,
        autoPage: false,
        ...(pageState ? { pageState } : {}),
      });
      const now = Math.floor(Date.now() / 1000);
      for (const row of page.rows) {
        const values = row.values();
        const shown = values
          .slice(0, keys.length + cells.length * 2)
          .map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : String(v)));
        const ttls = values.slice(keys.length + cells.length * 2) as (number | null)[];
        dump.push({ row: shown.join('|'), expiries: ttls.map((ttl) => (ttl === null ? null : now + ttl)) });
      }
      pageState = page.pageState ?? undefined;
    } while (pageState);
    return dump.sort((a, b) => a.row.localeCompare(b.row));
  } finally {
    await client.shutdown();
  }
}

export async function dumpKeyspace(endpoint: CqlEndpoint, keyspace: string): Promise<Record<string, TableDump>> {
  const tables = ['entries_by_day', 'entries_by_id', 'entry_days'] as const;
  return Object.fromEntries(
    await Promise.all(tables.map(async (t) => [t, await dumpTable(endpoint, keyspace, t)] as const)),
  );
}

/** Same rows, cells and write times; TTLs that end within `slackSeconds` of each other (reads round to the second). */
export function expectSameRows(
  actual: Record<string, TableDump>,
  expected: Record<string, TableDump>,
  slackSeconds = 2,
): void {
  for (const table of Object.keys(expected)) {
    const a = actual[table]!;
    const e = expected[table]!;
    expect(
      a.map((r) => r.row),
      table,
    ).toEqual(e.map((r) => r.row));
    a.forEach((row, i) =>
      row.expiries.forEach((expiry, j) => {
        const want = e[i]!.expiries[j] ?? null;
        if (want === null) expect(expiry, `${table} ${row.row} expiry`).toBeNull();
        else expect(Math.abs((expiry ?? -1e12) - want), `${table} ${row.row} expiry`).toBeLessThanOrEqual(slackSeconds);
      }),
    );
  }
}

/** sha256 of every live SSTable file of a keyspace on a node (snapshots excluded). */
export async function liveSSTableChecksums(node: CassandraNode, keyspace: string): Promise<Map<string, string>> {
  const sums = new Map<string, string>();
  const keyspaceDir = join(node.dataDirectory, keyspace);
  for (const tableDir of await readdir(keyspaceDir)) {
    for (const entry of await readdir(join(keyspaceDir, tableDir), { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(keyspaceDir, tableDir, entry.name);
      sums.set(
        path,
        createHash('sha256')
          .update(await readFile(path))
          .digest('hex'),
      );
    }
  }
  return sums;
}

export { endpointOf };
