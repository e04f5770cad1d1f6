import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CassandraNode } from '@guestbook/cassandra';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type CqlEndpoint } from '../../snapshot/cql-client.js';
import { evenSlices } from '../../snapshot/logical/token-ranges.js';
import { restoreSnapshot, takeSnapshot } from '../../snapshot/index.js';
import { takeLogicalSnapshot } from '../../snapshot/logical/logical-take.js';
import { endpointOf, startNodes } from './fixtures.js';

const { Long } = cassandra.types;
const KS = 'cells';
let home: string;
let production: CassandraNode;
let ci: CassandraNode;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'logical-fast-path-'));
  ({ production, ci } = await startNodes(home));
  await seedCells(endpointOf(production));
});

afterAll(async () => {
  await Promise.all([production?.stop(), ci?.stop()]);
  await rm(home, { recursive: true, force: true });
});

/** µs timestamps of the seeded writes: each cell of a row has its own. */
const T = (n: number) => 1_700_000_000_000_000 + n * 1_000_000;

/**
 * A table with a composite partition key, a static column and several types, holding what a logical snapshot must keep
 * per cell: rows whose cells were written at different times and with different TTLs, a partition with only a static
 * cell, a row with no cells, and 300 ordinary rows spread over the ring.
 */
async function seedCells(endpoint: CqlEndpoint): Promise<void> {
  const client = await connect(endpoint);
  try {
    await client.execute(
      `CREATE KEYSPACE ${KS} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    await client.execute(
      `CREATE TABLE ${KS}.t (p int, q text, c int, s text static, a text, b blob, n bigint, PRIMARY KEY ((p, q), c))`,
    );
    const insert = (columns: string, using: string, params: unknown[]) =>
      client.execute(
        `INSERT INTO ${KS}.t (${columns}) VALUES (${params.map(() => '?').join(', ')}) USING ${using}`,
        params,
      );
    await insert('p, q, c, a', `TIMESTAMP ${T(1)}`, [1, 'x', 1, 'first']);
    await insert('p, q, c, b', `TIMESTAMP ${T(2)} AND TTL 3600`, [1, 'x', 1, Buffer.from([0, 1, 2, 255])]);
    await insert('p, q, c, n', `TIMESTAMP ${T(3)} AND TTL 7200`, [1, 'x', 1, Long.fromNumber(-42)]);
    await insert('p, q, s', `TIMESTAMP ${T(4)}`, [1, 'x', 'static of 1']);
    await insert('p, q, c, a', `TIMESTAMP ${T(5)}`, [1, 'x', 2, 'second row']);
    await insert('p, q, s', `TIMESTAMP ${T(6)} AND TTL 5000`, [2, 'static only', 'no rows here']);
    await insert('p, q, c', `TIMESTAMP ${T(7)}`, [3, 'keys only', 1]);
    for (let i = 0; i < 300; i++)
      await insert('p, q, c, a, n', `TIMESTAMP ${T(100 + i)}`, [
        1000 + i,
        `k${i}`,
        i % 3,
        `row ${i}`,
        Long.fromNumber(i),
      ]);
  } finally {
    await client.shutdown();
  }
}

/** Every row with each cell's value, write time and TTL end (epoch seconds, from TTL() at the time of reading). */
async function dumpCells(
  endpoint: CqlEndpoint,
  keyspace: string,
): Promise<{ row: string; expiries: (number | null)[] }[]> {
  const client = await connect(endpoint);
  try {
    const cells = ['s', 'a', 'b', 'n'];
    const select = ['p', 'q', 'c', ...cells.flatMap((c) => [c, `WRITETIME(${c})`]), ...cells.map((c) => `TTL(${c})`)];
    const result = await client.execute(`SELECT ${select.join(', ')} FROM ${keyspace}.t`, [], { fetchSize: 10_000 });
    const now = Math.floor(Date.now() / 1000);
    return result.rows
      .map((r) => {
        const values = r.values();
        const shown = values
          .slice(0, 3 + cells.length * 2)
          .map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : String(v)));
        const ttls = values.slice(3 + cells.length * 2) as (number | null)[];
        return { row: shown.join('|'), expiries: ttls.map((ttl) => (ttl === null ? null : now + ttl)) };
      })
      .sort((a, b) => a.row.localeCompare(b.row));
  } finally {
    await client.shutdown();
  }
}

function expectSameCells(
  actual: Awaited<ReturnType<typeof dumpCells>>,
  expected: Awaited<ReturnType<typeof dumpCells>>,
): void {
  expect(actual.map((r) => r.row)).toEqual(expected.map((r) => r.row));
  actual.forEach((row, i) =>
    row.expiries.forEach((expiry, j) => {
      const want = expected[i]!.expiries[j] ?? null;
      if (want === null) expect(expiry, `${row.row} expiry ${j}`).toBeNull();
      else expect(Math.abs((expiry ?? -1e12) - want), `${row.row} expiry ${j}`).toBeLessThanOrEqual(2);
    }),
  );
}

describe('token-range take', () => {
  it('when a table is read in many token ranges, then every row is in the artifact exactly once, each in its range file, in token order', async () => {
    const ranges = 97;
    const taken = await takeLogicalSnapshot({
      source: endpointOf(production),
      keyspace: KS,
      root: join(home, 'ranges'),
      ranges,
      concurrency: 6,
      fetchSize: 7,
    });

    const client = await connect(endpointOf(production));
    const tokens = new Map<string, bigint>();
    for (const r of (await client.execute(`SELECT token(p, q), p, q, c FROM ${KS}.t`, [], { fetchSize: 10_000 }))
      .rows) {
      tokens.set(`${r.get('p')}|${r.get('q')}|${r.get('c')}`, BigInt(String(r.values()[0])));
    }
    await client.shutdown();

    const bounds = evenSlices(ranges);
    const seen: string[] = [];
    const files = taken.manifest.files.filter((f) => f.table === 't');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const range = bounds[Number(/(\d+)\.jsonl$/.exec(file.path)![1])]!;
      const lines = (await readFile(join(taken.directory, file.path), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown[]);
      let previous = range.start!;
      for (const [p, q, c] of lines) {
        const key = `${Buffer.from(p as string, 'base64').readInt32BE()}|${q}|${c === null ? null : Buffer.from(c as string, 'base64').readInt32BE()}`;
        const token = tokens.get(key)!;
        seen.push(key);
        expect(token > range.start! && token <= range.end!, `${key} in ${file.path}`).toBe(true);
        expect(token >= previous, `${key} in token order`).toBe(true);
        previous = token;
      }
    }
    expect(seen.length).toBe(new Set(seen).size);
    expect(seen.sort()).toEqual([...tokens.keys()].sort());
    expect(taken.manifest.tables[0]!.rows).toEqual({ count: seen.length, method: 'scan-exact' });
  });
});

describe('SSTable-writer restore', () => {
  it('when a logical snapshot is restored as SSTables and over CQL, then both copies keep every cell with its own write time and TTL', async () => {
    const taken = await takeSnapshot({
      kind: 'logical',
      keyspace: KS,
      root: join(home, 'artifacts'),
      nodes: [production],
    });
    const viaSSTables = await restoreSnapshot({
      artifact: taken.directory,
      keyspace: 'via_sstables',
      target: { node: ci },
      logicalLoad: 'sstables',
    });
    const viaCql = await restoreSnapshot({
      artifact: taken.directory,
      keyspace: 'via_cql',
      target: { endpoint: endpointOf(ci) },
    });

    const source = await dumpCells(endpointOf(production), KS);
    expect(source).toHaveLength(300 + 4);
    expect(source.find((r) => r.row.startsWith('1|x|1|'))?.row).toBe(
      `1|x|1|static of 1|${T(4)}|first|${T(1)}|000102ff|${T(2)}|-42|${T(3)}`,
    );
    expectSameCells(await dumpCells(endpointOf(ci), 'via_sstables'), source);
    expectSameCells(await dumpCells(endpointOf(ci), 'via_cql'), source);
    expect(await ci.nodetool('tablestats', '--', 'via_sstables.t')).toMatch(/SSTable count: [1-9]/);
    await Promise.all([viaSSTables.stop(), viaCql.stop()]);
  });

  it('when a cell expired between the take and the restore, then neither copy has it', async () => {
    const ttl = 15;
    const client = await connect(endpointOf(production));
    await client.execute(
      `INSERT INTO ${KS}.t (p, q, c, a) VALUES (9, 'soon gone', 1, 'brief') USING TIMESTAMP ${T(9)} AND TTL ${ttl}`,
    );
    const expiresAt = Date.now() + ttl * 1000;
    await client.shutdown();
    const taken = await takeSnapshot({
      kind: 'logical',
      keyspace: KS,
      root: join(home, 'expiring'),
      nodes: [production],
    });
    expect(taken.manifest.tables[0]!.rows.count, 'the take ran before the cell expired').toBe(305);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt + 1500 - Date.now())));

    const viaSSTables = await restoreSnapshot({
      artifact: taken.directory,
      keyspace: 'expired_sstables',
      target: { node: ci },
      logicalLoad: 'sstables',
    });
    const viaCql = await restoreSnapshot({
      artifact: taken.directory,
      keyspace: 'expired_cql',
      target: { endpoint: endpointOf(ci) },
    });
    const source = await dumpCells(endpointOf(production), KS);
    expect(source.some((r) => r.row.startsWith('9|'))).toBe(false);
    expectSameCells(await dumpCells(endpointOf(ci), 'expired_sstables'), source);
    expectSameCells(await dumpCells(endpointOf(ci), 'expired_cql'), source);
    await Promise.all([viaSSTables.stop(), viaCql.stop()]);
  });
});
