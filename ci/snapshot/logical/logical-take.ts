import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { newArtifactId, partialDirectory, rowsPath } from '../artifact/artifact-layout.js';
import { finishArtifact, type TakenSnapshot } from '../artifact/artifact-store.js';
import { assertLogicalSupport } from './cell-codec.js';
import { hashFiles } from '../artifact/checksums.js';
import { readIdentity } from '../cluster-identity.js';
import { withClient, type CqlClient, type CqlEndpoint } from '../cql-client.js';
import { rangeScan, type ScannedFile } from './range-scan.js';
import { splitRing } from './token-ranges.js';
import {
  MANIFEST_FORMAT,
  SCHEMA_FILE,
  type FileManifest,
  type Manifest,
  type TableManifest,
} from '../artifact/manifest.js';
import { UNMASKED_BY_CHOICE } from '../artifact/masking-record.js';
import { planMasking, type MaskingPlan, type SnapshotMasking } from '../masking/snapshot-masking.js';
import { rowProgress } from '../progress.js';
import { readKeyspaceSchema } from '../source-schema.js';
import { writeProfile } from '../profile/write-profile.js';
import { ProfileThread, type RowObserver } from '../profile/profile-thread.js';

export interface LogicalTakeOptions {
  source: CqlEndpoint;
  keyspace: string;
  root: string;
  /** Rows per page; each page is one round trip. */
  fetchSize?: number;
  /** Token ranges each table is read in (Murmur3 only; other partitioners are read in one scan). */
  ranges?: number;
  /** Ranges read at once: enough to keep the source and this process busy together. */
  concurrency?: number;
  /** Masks every text cell the policy shapes before it is written; without it the artifact says "unmasked". */
  masking?: SnapshotMasking;
  log?: (line: string) => void;
  /** Writes profile.json, the shapes of the text columns (docs/drift.md), from the same pass. Default true. */
  profile?: boolean;
}

/**
 * Reads every table over CQL (no file access needed), by token ranges in parallel, and writes each row, with every
 * cell's write time and expiry, as one JSON line. Not a point-in-time cut: rows written while the scan runs may or may
 * not be in it.
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
      const masking = options.masking ? planMasking(options.masking, schema.tables) : undefined;
      await mkdir(partial, { recursive: true });
      await writeFile(join(partial, SCHEMA_FILE), schema.cql);
      const takenAt = new Date();
      const scanOptions = {
        ranges: options.ranges ?? 32,
        concurrency: options.concurrency ?? 4,
        fetchSize: options.fetchSize ?? 5000,
        log,
        masking,
      };

      const tables: TableManifest[] = [];
      const files: FileManifest[] = [];
      const profile = options.profile === false ? undefined : await ProfileThread.start(schema.tables);
      try {
        for (const t of schema.tables) {
          const table: TableManifest = { ...t, rows: { count: 0, method: 'scan-exact' } };
          const observer = profile?.observerFor(table);
          const written = await dumpTable(client, options.keyspace, table, partial, { ...scanOptions, observer });
          table.rows.count = written.rows;
          tables.push(table);
          files.push(...written.files);
        }
        if (profile) files.push(await writeProfile(partial, takenAt, await profile.finish()));
      } finally {
        await profile?.close();
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
        masking: masking?.record ?? UNMASKED_BY_CHOICE,
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
 * Scans one table by token ranges, `concurrency` ranges in flight, each into a file of its own. The files are listed in
 * ring order (the order a restore loads them in); a range without rows gets no file, but a table always gets one.
 */
async function dumpTable(
  client: CqlClient,
  keyspace: string,
  table: TableManifest,
  partial: string,
  options: ScanOptions,
) {
  const ranges = await splitRing(client, options.ranges);
  const scanner = rangeScan(
    client,
    keyspace,
    table,
    options.fetchSize,
    options.masking?.masksFor(table.name),
    options.observer,
  );
  const written: (ScannedFile | undefined)[] = new Array(ranges.length);
  let finished = 0;
  const progress = rowProgress(`${keyspace}.${table.name}`, options.log, { fraction: () => finished / ranges.length });
  let next = 0;
  const lane = async () => {
    while (next < ranges.length) {
      const i = next++;
      written[i] = await scanner.scan(ranges[i]!, join(partial, rowsPath(table.name, i)), (rows) => progress.add(rows));
      finished += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, ranges.length) }, lane));
  const files: FileManifest[] = written.flatMap((f, i) =>
    f ? [{ path: rowsPath(table.name, i), table: table.name, bytes: f.bytes, sha256: f.sha256 }] : [],
  );
  if (files.length === 0) {
    await mkdir(dirname(join(partial, rowsPath(table.name, 0))), { recursive: true });
    await writeFile(join(partial, rowsPath(table.name, 0)), '');
    files.push({
      path: rowsPath(table.name, 0),
      table: table.name,
      bytes: 0,
      sha256: createHash('sha256').digest('hex'),
    });
  }
  return { rows: progress.done(), files };
}

interface ScanOptions {
  ranges: number;
  concurrency: number;
  fetchSize: number;
  log: (line: string) => void;
  masking: MaskingPlan | undefined;
  observer?: RowObserver | undefined;
}
