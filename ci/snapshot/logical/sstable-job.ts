import { join } from 'node:path';
import { storedEncoding } from './cell-codec.js';
import { createdTableName, moveToKeyspace } from './cql-text.js';
import { cellColumns, keyColumns, type TableManifest } from '../artifact/manifest.js';
import { rowStatements } from './row-writes.js';
import type { VerifiedArtifact } from '../artifact/verify.js';

/** What RowsToSSTables.java reads on stdin. */
export interface SSTableJob {
  threads: number;
  units: JobUnit[];
}

export interface JobUnit {
  id: number;
  table: JobTable;
  /** Row files in ring order, absolute paths. */
  files: string[];
  /** Where this unit's SSTables go: one directory to import. */
  directory: string;
  /** False when the files' rows are in no token order: the writer then sorts them in memory, a buffer at a time. */
  sorted?: boolean;
}

export interface JobTable {
  name: string;
  create: string;
  types: string[];
  rowInsert: string;
  staticInsert: string | null;
  keys: string[];
  cells: string[];
  staticCells: boolean[];
  partitionKeys: number;
}

/** A unit is at least this big: each one is an SSTable set of its own, and the node imports and later compacts them. */
const MIN_UNIT_BYTES = 16 << 20;

/**
 * Splits the artifact's row files into units for `threads` writers: runs of consecutive files of one table (so each
 * unit's rows are in token order), about two units per thread so the threads finish together.
 */
export function planJob(artifact: VerifiedArtifact, keyspace: string, staging: string, threads: number): SSTableJob {
  const rowFiles = artifact.manifest.files.filter((f) => f.table !== undefined && f.bytes > 0);
  const totalBytes = rowFiles.reduce((sum, f) => sum + f.bytes, 0);
  const unitBytes = Math.max(MIN_UNIT_BYTES, Math.ceil(totalBytes / (threads * 2)));
  const units: JobUnit[] = [];
  for (const table of artifact.manifest.tables) {
    const source = artifact.manifest.source.keyspace;
    const jobTable = tableFor(table, artifact.schemaStatements, source, keyspace);
    let files: string[] = [];
    let bytes = 0;
    const close = () => {
      if (files.length === 0) return;
      const id = units.length;
      units.push({ id, table: jobTable, files, directory: join(staging, `unit${id}`, table.name) });
      files = [];
      bytes = 0;
    };
    for (const file of rowFiles.filter((f) => f.table === table.name)) {
      files.push(join(artifact.directory, file.path));
      bytes += file.bytes;
      if (bytes >= unitBytes) close();
    }
    close();
  }
  return { threads, units };
}

/** What the writer needs of one table: `schema` is its keyspace's schema, moved from `source` to `keyspace`. */
export function tableFor(table: TableManifest, schema: string[], source: string, keyspace: string): JobTable {
  const create = schema.find((s) => createdTableName(s) === table.name)!;
  const types = schema.filter((s) => /^CREATE\s+TYPE/i.test(s)).map((s) => moveToKeyspace(s, source, keyspace));
  const statements = rowStatements(keyspace, table);
  const keys = keyColumns(table);
  const cells = cellColumns(table);
  return {
    name: table.name,
    create: moveToKeyspace(create, source, keyspace),
    types,
    rowInsert: statements.row,
    staticInsert: statements.staticOnly ?? null,
    keys: keys.map(storedEncoding),
    cells: cells.map(storedEncoding),
    staticCells: cells.map((c) => c.kind === 'static'),
    partitionKeys: keys.filter((c) => c.kind === 'partition_key').length,
  };
}
