import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import split2 from 'split2';
import { decodeValue } from './cell-codec.js';
import type { CqlClient } from '../cql-client.js';
import { cellColumns, keyColumns, SnapshotError, type TableManifest } from '../artifact/manifest.js';
import { rowProgress } from '../progress.js';
import { rowStatements, rowWrite } from './row-writes.js';
import type { VerifiedArtifact } from '../artifact/verify.js';

const { types } = cassandra;

/*
 * Rows go in unlogged batches of neighbours in the files (token order: mostly one replica set), which saves a request
 * per row on both sides. Kept under Cassandra's batch_size_warn_threshold (5 KiB by default), far from its fail threshold.
 */
const BATCH_BYTES = 4096;
const BATCH_STATEMENTS = 32;

type Write = { query: string; params: unknown[] };

export interface LoadRowsOptions {
  /** Requests in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
}

/**
 * Writes a logical artifact's rows back over CQL (any cluster, no file access): each row's cells USING TIMESTAMP the
 * cell's own and a TTL that ends when the original did (cells that expired since the snapshot are skipped, as Cassandra
 * would). Batches stream with a bounded number in flight; rows are read from the files as requests complete.
 */
export async function loadRows(
  client: CqlClient,
  artifact: Pick<VerifiedArtifact, 'directory'> & { manifest: Pick<VerifiedArtifact['manifest'], 'tables' | 'files'> },
  keyspace: string,
  options: LoadRowsOptions = {},
): Promise<void> {
  const total = artifact.manifest.tables.reduce((sum, t) => sum + t.rows.count, 0);
  const progress = rowProgress(keyspace, options.log ?? (() => {}), { total });
  const limit = inFlightLimit(options.concurrency ?? 64);
  let batch: Write[] = [];
  let batchBytes = 0;
  let batchRows = 0;
  const send = async () => {
    const [queries, rows] = [batch, batchRows];
    [batch, batchBytes, batchRows] = [[], 0, 0];
    if (queries.length === 0) return void progress.add(rows);
    await limit.run(async () => {
      if (queries.length === 1) await client.execute(queries[0]!.query, queries[0]!.params, { prepare: true });
      else await client.batch(queries, { prepare: true, logged: false });
      progress.add(rows);
    });
  };
  try {
    for (const table of artifact.manifest.tables) {
      const toWrites = writesFor(keyspace, table);
      for (const file of artifact.manifest.files.filter((f) => f.table === table.name)) {
        // Split at \n only: readline (Node 24) also ends lines at U+2028/U+2029, which JSON leaves raw in strings.
        const lines = createReadStream(join(artifact.directory, file.path)).pipe(split2());
        for await (const line of lines) {
          if (!line) continue;
          batch.push(...toWrites(JSON.parse(line) as unknown[]));
          batchBytes += line.length;
          batchRows += 1;
          if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_STATEMENTS) await send();
        }
      }
      await send();
    }
    await limit.drain();
  } catch (error) {
    await limit.drain().catch(() => {});
    throw new SnapshotError(`Loading rows into keyspace ${keyspace} failed: ${(error as Error).message}`);
  }
  progress.done();
}

function writesFor(keyspace: string, table: TableManifest) {
  const statements = rowStatements(keyspace, table);
  const keys = keyColumns(table);
  const cells = cellColumns(table);
  const staticCells = cells.flatMap((c, i) => (c.kind === 'static' ? [i] : []));
  return (line: unknown[]): Write[] => {
    const write = rowWrite(line, table, Math.floor(Date.now() / 1000));
    if (!write) return [];
    const keyValues = write.keys.map((v, i) => decodeValue(v, keys[i]!));
    // The insert's cell columns: every one, or the static ones for a partition without rows.
    const columns = write.staticOnly ? staticCells : cells.map((_, i) => i);
    const query = write.staticOnly ? statements.staticOnly! : statements.row;
    if (write.groups.length === 0)
      return [{ query, params: [...keyValues, ...columns.map(() => types.unset), types.unset, types.unset] }];
    return write.groups.map((group) => {
      const values: unknown[] = columns.map(() => types.unset);
      for (const cell of group.cells) values[columns.indexOf(cell.index)] = decodeValue(cell.value, cells[cell.index]!);
      return { query, params: [...keyValues, ...values, types.Long.fromString(group.writetime), group.ttl] };
    });
  };
}

/** Runs at most `limit` requests at once; the first failure stops new ones and is thrown by run() or drain(). */
function inFlightLimit(limit: number) {
  let active = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const settle = () => {
    active -= 1;
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const waitForRoom = async (room: number) => {
    while (active > room) await new Promise<void>((resolve) => (wake = resolve));
  };
  return {
    async run(request: () => Promise<unknown>) {
      await waitForRoom(limit - 1);
      if (failure) throw failure;
      active += 1;
      request().then(settle, (error: unknown) => {
        failure ??= error;
        settle();
      });
    },
    async drain() {
      await waitForRoom(0);
      if (failure) throw failure;
    },
  };
}
