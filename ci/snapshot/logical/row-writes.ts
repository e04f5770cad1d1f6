import type { StoredValue } from './cell-codec.js';
import { quoteIdentifier } from './cql-text.js';
import { cellColumns, keyColumns, type TableManifest } from '../artifact/manifest.js';

/**
 * How a row line becomes writes, the same way for the CQL loader and the SSTable writer (RowsToSSTables.java): cells
 * that share a write time and expiry go into one INSERT ... USING TIMESTAMP ? AND TTL ?, every other cell column
 * unset, so a row whose cells were written at different times keeps each cell's own write time.
 */

export interface RowStatements {
  /** Every key column, every cell column (sorted by name), then the timestamp and the TTL (0: none). */
  row: string;
  /** Partition key and static columns only: for a partition that holds static cells and no rows. */
  staticOnly?: string;
}

export function rowStatements(keyspace: string, table: TableManifest): RowStatements {
  const keys = keyColumns(table);
  const cells = cellColumns(table);
  const target = `${quoteIdentifier(keyspace)}.${quoteIdentifier(table.name)}`;
  const insert = (columns: { name: string }[]) =>
    `INSERT INTO ${target} (${columns.map((c) => quoteIdentifier(c.name)).join(', ')}) ` +
    `VALUES (${columns.map(() => '?').join(', ')}) USING TIMESTAMP ? AND TTL ?`;
  const statics = cells.filter((c) => c.kind === 'static');
  return {
    row: insert([...keys, ...cells]),
    ...(statics.length > 0
      ? { staticOnly: insert([...keys.filter((c) => c.kind === 'partition_key'), ...statics]) }
      : {}),
  };
}

interface CellGroup {
  writetime: string;
  /** Seconds left, computed when the row is written; 0 for a cell without TTL. */
  ttl: number;
  /** Positions in cellColumns(table) and the stored values there. */
  cells: { index: number; value: StoredValue }[];
}

export interface RowWrite {
  /** A partition holding only static cells: its clustering values are null, and it goes through `staticOnly`. */
  staticOnly: boolean;
  keys: StoredValue[];
  /** Empty for a row with no cells: one insert of the keys, written "now" (CQL cannot read a row marker's time). */
  groups: CellGroup[];
}

type StoredCell = [StoredValue, string, number | null] | null;

/** The writes for one row line; undefined when every cell has expired since the snapshot (so has the row). */
export function rowWrite(line: unknown[], table: TableManifest, nowSeconds: number): RowWrite | undefined {
  const keys = keyColumns(table);
  const partitionKeys = keys.filter((c) => c.kind === 'partition_key').length;
  const keyValues = line.slice(0, keys.length) as StoredValue[];
  const groups = new Map<string, CellGroup>();
  let cells = 0;
  for (let j = keys.length; j < line.length; j++) {
    const cell = line[j] as StoredCell;
    if (!cell) continue;
    cells += 1;
    const [value, writetime, expiresAt] = cell;
    const ttl = expiresAt === null ? 0 : expiresAt - nowSeconds;
    if (expiresAt !== null && ttl <= 0) continue;
    const groupKey = `${writetime}|${expiresAt}`;
    const group = groups.get(groupKey) ?? { writetime, ttl, cells: [] };
    group.cells.push({ index: j - keys.length, value });
    groups.set(groupKey, group);
  }
  if (cells > 0 && groups.size === 0) return undefined;
  const staticOnly = keyValues.length > partitionKeys && keyValues[partitionKeys] === null;
  return { staticOnly, keys: staticOnly ? keyValues.slice(0, partitionKeys) : keyValues, groups: [...groups.values()] };
}
