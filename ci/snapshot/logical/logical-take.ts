import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { newArtifactId, partialDirectory, rowsPath } from '../artifact/artifact-layout.js';
import { finishArtifact, type TakenSnapshot } from '../artifact/artifact-store.js';
import { assertLogicalSupport, encodeValue } from './cell-codec.js';
import { hashFiles } from '../artifact/checksums.js';
import { readIdentity } from '../cluster-identity.js';
import { withClient, type CqlClient, type CqlEndpoint } from '../cql-client.js';
import { quoteIdentifier } from './cql-text.js';
import { cellColumns, keyColumns, MANIFEST_FORMAT, SCHEMA_FILE, type FileManifest, type Manifest, type TableManifest } from '../artifact/manifest.js';
import { rowProgress } from '../progress.js';
import { readKeyspaceSchema } from '../source-schema.js';

export interface LogicalTakeOptions {
  source: CqlEndpoint;
  keyspace: string;
  root: string;
  /** Rows per page; each page is one round trip. */
  fetchSize?: number;
  log?: (line: string) => void;
}

/**
 * Pages through every table over CQL (no file access needed) and writes each row, with every cell's write time and
 * expiry, as one JSON line. Not a point-in-time cut: rows written while the scan runs may or may not be in it.
 */
export async function takeLogicalSnapshot(options: LogicalTakeOptions): Promise<TakenSnapshot> {
  const log = options.log ?? (() => {});
  const began = performance.now();
  const id = newArtifactId('logical');
  const partial = partialDirectory(options.root, id);
  try {
    return await withClient(options.source, async (client) => {
      const identity = await readIdentity(client);
      const schema = await readKeyspaceSchema(client, options.keyspace);
      for (const t of schema.tables) assertLogicalSupport(t.name, t.columns);
      await mkdir(partial, { recursive: true });
      await writeFile(join(partial, SCHEMA_FILE), schema.cql);
      const takenAt = new Date();

      const tables: TableManifest[] = [];
      const files: FileManifest[] = [];
      for (const t of schema.tables) {
        const table: TableManifest = { ...t, rows: { count: 0, method: 'scan-exact' } };
        const written = await dumpTable(client, options.keyspace, table, join(partial, rowsPath(t.name)), options.fetchSize ?? 5000, log);
        table.rows.count = written.rows;
        tables.push(table);
        files.push({ path: rowsPath(t.name), table: t.name, bytes: written.bytes, sha256: written.sha256 });
      }
      const schemaHash = (await hashFiles([join(partial, SCHEMA_FILE)])).get(join(partial, SCHEMA_FILE))!;
      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        id,
        kind: 'logical',
        source: { ...identity, keyspace: options.keyspace, contactPoints: options.source.contactPoints },
        takenAt: takenAt.toISOString(),
        completedAt: new Date().toISOString(),
        tables,
        files: [{ path: SCHEMA_FILE, ...schemaHash }, ...files],
      };
      const directory = await finishArtifact(partial, options.root, manifest);
      return { id, directory, manifest, timings: { totalMs: Math.round(performance.now() - began) } };
    });
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * One line per row: the key values, then for each cell column (sorted by name) null or [value, writetime, expiresAt],
 * where writetime is the microsecond timestamp as a string (a 64-bit value) and expiresAt the TTL's end in epoch seconds.
 */
async function dumpTable(client: CqlClient, keyspace: string, table: TableManifest, file: string, fetchSize: number, log: (l: string) => void) {
  const keys = keyColumns(table);
  const cells = cellColumns(table);
  const selected = [
    ...keys.map((c) => quoteIdentifier(c.name)),
    ...cells.flatMap((c) => [quoteIdentifier(c.name), `WRITETIME(${quoteIdentifier(c.name)})`, `TTL(${quoteIdentifier(c.name)})`]),
  ];
  const query = `SELECT ${selected.join(', ')} FROM ${quoteIdentifier(keyspace)}.${quoteIdentifier(table.name)}`;

  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const hash = createHash('sha256');
  let bytes = 0;
  const progress = rowProgress(`${keyspace}.${table.name}`, log);
  let pageState: string | undefined;
  do {
    const page = await client.execute(query, [], { prepare: true, fetchSize, autoPage: false, ...(pageState ? { pageState } : {}) });
    const nowSeconds = Math.floor(Date.now() / 1000);
    let chunk = '';
    for (const row of page.rows) {
      const values = row.values();
      const line: unknown[] = keys.map((c, i) => encodeValue(values[i], c, page.columns[i]!.type));
      cells.forEach((c, j) => {
        const at = keys.length + j * 3;
        const value = values[at];
        if (value === null || value === undefined) return line.push(null);
        const ttl = values[at + 2] as number | null;
        line.push([encodeValue(value, c, page.columns[at]!.type), String(values[at + 1]), ttl === null ? null : nowSeconds + ttl]);
      });
      chunk += `${JSON.stringify(line)}\n`;
    }
    const buffer = Buffer.from(chunk, 'utf8');
    hash.update(buffer);
    bytes += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
    progress.add(page.rows.length);
    pageState = page.pageState ?? undefined;
  } while (pageState);
  out.end();
  await once(out, 'finish');
  return { rows: progress.done(), bytes, sha256: hash.digest('hex') };
}
