import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { EntryRow } from '@guestbook/api';
import cassandra from 'cassandra-driver';
import { cellColumns, keyColumns, type ColumnManifest, type TableManifest } from '../snapshot/artifact/manifest.js';
import { endpointOf, withClient, type NodeAccess } from '../snapshot/cql-client.js';
import { encodeValue } from '../snapshot/logical/cell-codec.js';
import { splitStatements } from '../snapshot/logical/cql-text.js';
import { tableFor, type JobUnit } from '../snapshot/logical/sstable-job.js';
import { startRowsWriter } from '../snapshot/logical/sstable-load.js';
import { openNodeControl } from '../snapshot/physical/node-control.js';
import { rowProgress } from '../snapshot/progress.js';
import { readKeyspaceSchema } from '../snapshot/source-schema.js';
import { syntheticEntry } from './synthetic-entries.js';

/** Entries per row file; each file is one unit of the writer's job, so that every writer thread has work. */
const ENTRIES_PER_FILE = 100_000;
/** The tables that hold one row per entry; entry_days holds one per distinct day. */
const ENTRY_TABLES = ['entries_by_day', 'entries_by_id'];
const DAYS_TABLE = 'entry_days';

export interface EntrySource {
  count: number;
  /** Entry number i, 0 <= i < count. */
  entry(i: number): EntryRow;
}

/**
 * Writes entries into a keyspace that already has the API's schema, as the CQL writes of `entryWrites` would leave
 * them, but as SSTables: row files in the logical snapshot's format, Cassandra's CQLSSTableWriter
 * (RowsToSSTables.java) and `nodetool import`. Orders of magnitude faster than a million CQL writes on a small
 * machine. Each cell's write time is the load's start plus the entry's number in microseconds (the CQL loader's are
 * the node's clock as each write lands: both are the time of the load, in entry order); entry_days rows carry only
 * their row marker, written at the writer's clock.
 */
export async function writeEntriesAsSSTables(
  node: NodeAccess,
  keyspace: string,
  source: EntrySource,
  log: (line: string) => void = () => {},
): Promise<void> {
  const schema = await withClient(endpointOf(node), (client) => readKeyspaceSchema(client, keyspace));
  const statements = splitStatements(schema.cql).filter((s) => !/^CREATE\s+KEYSPACE/i.test(s));
  const tableOf = (name: string): TableManifest => {
    const table = schema.tables.find((t) => t.name === name);
    if (!table) throw new Error(`Keyspace ${keyspace} has no table ${name}: apply the guestbook schema first`);
    return { ...table, rows: { count: 0, method: 'scan-exact' } };
  };
  // Both start while the row files are written: the JVMs take seconds to load.
  const controlling = openNodeControl(node);
  controlling.catch(() => {});
  const writer = await startRowsWriter(node, `entries-${keyspace}`);
  try {
    const units: JobUnit[] = [];
    const unitFor = (table: TableManifest, file: string): JobUnit => ({
      id: units.length,
      table: tableFor(table, statements, keyspace, keyspace),
      files: [file],
      directory: join(writer.staging, `unit${units.length}`, table.name),
      sorted: false,
    });
    const rowsDirectory = join(writer.staging, 'rows');
    await mkdir(rowsDirectory, { recursive: true });
    const writtenAt = BigInt(Date.now()) * 1000n;
    const days = new Set<string>();
    const progress = rowProgress(`${keyspace} row files`, log, { total: source.count });
    for (let from = 0; from < source.count; from += ENTRIES_PER_FILE) {
      const to = Math.min(from + ENTRIES_PER_FILE, source.count);
      for (const name of ENTRY_TABLES) {
        const table = tableOf(name);
        const file = join(rowsDirectory, `${name}-${from}.jsonl`);
        await writeLines(file, to - from, (k) => {
          const entry = source.entry(from + k);
          if (name === ENTRY_TABLES[0]) days.add(entry.day);
          return rowLine(table, { ...entry }, String(writtenAt + BigInt(from + k)));
        });
        units.push(unitFor(table, file));
      }
      progress.add(to - from);
    }
    progress.done();
    const daysTable = tableOf(DAYS_TABLE);
    const daysFile = join(rowsDirectory, `${DAYS_TABLE}.jsonl`);
    const dayList = [...days];
    await writeLines(daysFile, dayList.length, (k) => rowLine(daysTable, { shard: 0, day: dayList[k] }, ''));
    units.push(unitFor(daysTable, daysFile));
    await writer.run(await controlling, { threads: availableParallelism(), units }, keyspace, {
      total: source.count * ENTRY_TABLES.length + dayList.length,
      log,
    });
  } finally {
    await writer.close();
    await controlling.then(
      (control) => control.close(),
      () => {},
    );
  }
}

/**
 * writeSyntheticEntries' entries [from, to) and their days, as SSTables: the same rows (ids, days, names, messages),
 * with write times as writeEntriesAsSSTables gives them.
 */
export function writeSyntheticEntriesFast(
  node: NodeAccess,
  keyspace: string,
  range: { from: number; to: number },
  log?: (line: string) => void,
): Promise<void> {
  const source = { count: range.to - range.from, entry: (i: number) => syntheticEntry(range.from + i) };
  return writeEntriesAsSSTables(node, keyspace, source, log);
}

/** One row as a logical take writes it: key values, then [value, writetime, null] per cell column (no TTL). */
function rowLine(table: TableManifest, values: Record<string, unknown>, writetime: string): string {
  const valueOf = (column: ColumnManifest) => {
    if (!(column.name in values)) throw new Error(`Table ${table.name} has a column ${column.name} entries lack`);
    const type = { code: cassandra.types.dataTypes[column.type as keyof typeof cassandra.types.dataTypes] };
    return encodeValue(values[column.name], column, type);
  };
  const keys = keyColumns(table).map(valueOf);
  const cells = cellColumns(table).map((c) => [valueOf(c), writetime, null]);
  return `${JSON.stringify([...keys, ...cells])}\n`;
}

async function writeLines(file: string, count: number, line: (k: number) => string): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (let k = 0; k < count; k++) {
    chunk += line(k);
    if (chunk.length < 1 << 20) continue;
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
  out.end(chunk);
  await once(out, 'close');
}
