import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CqlClient, NodeAccess } from './cql-client.js';
import { rowsPath } from './artifact/artifact-layout.js';
import type { FileManifest, TableManifest } from './artifact/manifest.js';
import type { MaskingRecord } from './artifact/masking-record.js';
import { quoteIdentifier } from './logical/cql-text.js';
import { loadRows } from './logical/logical-load.js';
import { rangeScan } from './logical/range-scan.js';
import { readKeyspaceSchema } from './source-schema.js';
import { planMasking, type SnapshotMasking } from './masking/snapshot-masking.js';

export interface MaskCopyOptions {
  client: CqlClient;
  /** The copy's keyspace: never the source's. */
  keyspace: string;
  /** The copy's tables (a restored artifact's manifest lists them). */
  tables: TableManifest[];
  masking: SnapshotMasking;
  /** The copy's node, when its files are reachable: truncation snapshots (auto_snapshot) are cleared there. */
  node?: NodeAccess;
  log?: (line: string) => void;
}

// Truncating a table waits for every replica to drop its files: longer than an ordinary request on a busy machine.
const TRUNCATE_TIMEOUT_MS = 120_000;

/**
 * Masks a restored copy in place, before any test reads it. Rewriting a cell with the same write time does not win
 * (Cassandra breaks timestamp ties by the larger value), so each table with shaped columns is read out masked, then
 * truncated (its SSTables, raw text included, are deleted), and the masked rows are written back with each cell's
 * own write time and TTL. The masked rows sit in a temporary folder meanwhile; raw text is never written anywhere.
 */
export async function maskCopyInPlace(options: MaskCopyOptions): Promise<MaskingRecord> {
  const { client, keyspace } = options;
  const log = options.log ?? (() => {});
  const plan = planMasking(options.masking, options.tables);
  const shaped = options.tables.filter((t) => plan.masksFor(t.name).size > 0);
  const staging = await mkdtemp(join(tmpdir(), 'masked-rows-'));
  try {
    const tables: TableManifest[] = [];
    const files: FileManifest[] = [];
    for (const table of shaped) {
      const path = rowsPath(table.name, 0);
      const scanner = rangeScan(client, keyspace, table, 5000, plan.masksFor(table.name));
      const written = await scanner.scan({}, join(staging, path), () => {});
      tables.push({ ...table, rows: { count: written?.rows ?? 0, method: 'scan-exact' } });
      if (written) files.push({ path, table: table.name, bytes: written.bytes, sha256: written.sha256 });
      log(`masking ${keyspace}.${table.name}: ${written?.rows ?? 0} rows read out masked`);
    }
    for (const table of shaped) {
      await client.execute(`TRUNCATE ${quoteIdentifier(keyspace)}.${quoteIdentifier(table.name)}`, [], {
        readTimeout: TRUNCATE_TIMEOUT_MS,
      });
    }
    if (options.node) await clearTruncationSnapshots(options.node, keyspace);
    await loadRows(client, { directory: staging, manifest: { tables, files } }, keyspace, { log });
    return plan.record;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Masks a keyspace that already is a copy of production (a cloned volume: Docker Compose, Portworx, a Kubernetes
 * volume snapshot) the same way, its tables read from the keyspace's own schema. Checked against the masking policy
 * like a take: an unknown table or column stops it before anything changes.
 */
export async function maskExistingCopy(options: Omit<MaskCopyOptions, 'tables'>): Promise<MaskingRecord> {
  const schema = await readKeyspaceSchema(options.client, options.keyspace);
  const tables = schema.tables.map((t): TableManifest => ({ ...t, rows: { count: 0, method: 'scan-exact' } }));
  return maskCopyInPlace({ ...options, tables });
}

/** A node with auto_snapshot on hard-links a table's SSTables before a TRUNCATE deletes them: those hold raw text. */
async function clearTruncationSnapshots(node: NodeAccess, keyspace: string): Promise<void> {
  const tableDirectories = await readdir(join(node.dataDirectory, keyspace)).catch(() => [] as string[]);
  for (const table of tableDirectories) {
    const snapshots = await readdir(join(node.dataDirectory, keyspace, table, 'snapshots')).catch(() => []);
    if (snapshots.length === 0) continue;
    await node.nodetool('clearsnapshot', '--all', '--', keyspace);
    return;
  }
}
