import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import cassandra from 'cassandra-driver';
import { decodeValue, type StoredValue } from './cell-codec.js';
import type { CqlClient } from '../cql-client.js';
import { quoteIdentifier } from './cql-text.js';
import { cellColumns, keyColumns, SnapshotError, type ColumnManifest, type TableManifest } from '../artifact/manifest.js';
import { rowProgress } from '../progress.js';
import type { VerifiedArtifact } from '../artifact/verify.js';

const { concurrent, types } = cassandra;

export interface LoadRowsOptions {
  /** Requests in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
}

/**
 * Writes a logical artifact's rows back: one INSERT per row and distinct write time, USING TIMESTAMP the cell's own
 * and a TTL that ends when the original did (cells that expired since the snapshot are skipped, as Cassandra would).
 */
export async function loadRows(client: CqlClient, artifact: VerifiedArtifact, keyspace: string, options: LoadRowsOptions = {}): Promise<void> {
  for (const table of artifact.manifest.tables) {
    const file = artifact.manifest.files.find((f) => f.table === table.name)!;
    const progress = rowProgress(`${keyspace}.${table.name}`, options.log ?? (() => {}));
    const toStatements = statementsFor(keyspace, table);
    let batch: { query: string; params: unknown[] }[] = [];
    let rowsInBatch = 0;
    const flush = async () => {
      try {
        await concurrent.executeConcurrent(client, batch, { concurrencyLevel: options.concurrency ?? 64, raiseOnFirstError: true });
      } catch (error) {
        throw new SnapshotError(`Loading rows into table ${table.name} failed: ${(error as Error).message}`);
      }
      progress.add(rowsInBatch);
      batch = [];
      rowsInBatch = 0;
    };
    const lines = createInterface({ input: createReadStream(join(artifact.directory, file.path)), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      batch.push(...toStatements(JSON.parse(line) as unknown[]));
      rowsInBatch += 1;
      if (batch.length >= 2000) await flush();
    }
    if (batch.length > 0) await flush();
    progress.done();
  }
}

type StoredCell = [StoredValue, string, number | null] | null;

function statementsFor(keyspace: string, table: TableManifest) {
  const keys = keyColumns(table);
  const cells = cellColumns(table);
  const target = `${quoteIdentifier(keyspace)}.${quoteIdentifier(table.name)}`;
  const queries = new Map<string, string>();
  const insert = (columns: ColumnManifest[], timed: boolean, ttl: boolean) => {
    const cacheKey = `${columns.map((c) => c.name).join(',')}|${timed}|${ttl}`;
    let query = queries.get(cacheKey);
    if (!query) {
      const using = timed ? ` USING TIMESTAMP ?${ttl ? ' AND TTL ?' : ''}` : '';
      query = `INSERT INTO ${target} (${columns.map((c) => quoteIdentifier(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${using}`;
      queries.set(cacheKey, query);
    }
    return query;
  };

  return (line: unknown[]): { query: string; params: unknown[] }[] => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    // A partition holding only static cells comes back with null clustering values: those are left out.
    const presentKeys = keys.flatMap((c, i) => (line[i] === null ? [] : [{ column: c, value: decodeValue(line[i] as StoredValue, c) }]));
    const groups = new Map<string, { columns: ColumnManifest[]; values: unknown[]; writetime: string; ttl: number | null }>();
    let cellCount = 0;
    cells.forEach((column, j) => {
      const cell = line[keys.length + j] as StoredCell;
      if (!cell) return;
      cellCount += 1;
      const [value, writetime, expiresAt] = cell;
      const ttl = expiresAt === null ? null : expiresAt - nowSeconds;
      if (ttl !== null && ttl <= 0) return;
      const groupKey = `${writetime}|${expiresAt}`;
      const group = groups.get(groupKey) ?? { columns: [], values: [], writetime, ttl };
      group.columns.push(column);
      group.values.push(decodeValue(value, column));
      groups.set(groupKey, group);
    });
    const keyPart = { columns: presentKeys.map((k) => k.column), values: presentKeys.map((k) => k.value) };
    // Every cell expired since the snapshot: so has the row.
    if (cellCount > 0 && groups.size === 0) return [];
    // A row with no cells (a key-only table): its row marker's write time cannot be read over CQL, so it gets "now".
    if (groups.size === 0) return [{ query: insert(keyPart.columns, false, false), params: keyPart.values }];
    return [...groups.values()].map((g) => ({
      query: insert([...keyPart.columns, ...g.columns], true, g.ttl !== null),
      params: [...keyPart.values, ...g.values, types.Long.fromString(g.writetime), ...(g.ttl !== null ? [g.ttl] : [])],
    }));
  };
}
