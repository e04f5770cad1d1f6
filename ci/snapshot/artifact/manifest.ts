import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { maskingRecord } from './masking-record.js';
import { cutWindow, nodeRecord } from './node-record.js';

/**
 * The format written. 2: a logical table's rows may span several files (one per token range), loaded in the order the
 * manifest lists them; a reader of format 1 would load only the first, so it must refuse these. 1 is still read.
 */
export const MANIFEST_FORMAT = 'guestbook-snapshot/2';
const READABLE_FORMATS = ['guestbook-snapshot/1', MANIFEST_FORMAT] as const;
export const MANIFEST_FILE = 'manifest.json';
export const SCHEMA_FILE = 'schema.cql';
/** One node's part of a cluster snapshot taken on its own host (snapshot-part.ts), before `join`. */
export const PART_FILE = 'part.json';

const column = z.object({
  name: z.string(),
  kind: z.enum(['partition_key', 'clustering', 'static', 'regular']),
  position: z.number().int(),
  type: z.string(),
  clusteringOrder: z.enum(['asc', 'desc', 'none']),
});

const table = z.object({
  name: z.string(),
  columns: z.array(column).min(1),
  rows: z.object({
    count: z.number().int().nonnegative(),
    // 'scan-exact': every row was read. 'sstable-statistics-sum': the sum of each SSTable's own totalRows, which counts
    // a row once per SSTable holding a version of it (overwrites, tombstones) and once per replica.
    method: z.enum(['scan-exact', 'sstable-statistics-sum']),
    /**
     * Physical takes of a cluster: each node's own sum, in the order of `nodes`; `count` is their total, a per-replica
     * sum (with replication factor 3 every row counts about three times). The exact count is a count on the copy.
     */
    byNode: z.array(z.number().int().nonnegative()).optional(),
  }),
});

const file = z.object({
  /** Relative to the artifact directory, always with forward slashes. */
  path: z.string(),
  table: z.string().optional(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.enum(READABLE_FORMATS),
  id: z.string(),
  kind: z.enum(['physical', 'logical']),
  source: z.object({
    clusterName: z.string(),
    keyspace: z.string(),
    /** Every host id of the source cluster when the snapshot was taken: a restore target holding one is refused. */
    hostIds: z.array(z.string()).min(1),
    releaseVersion: z.string(),
    contactPoints: z.array(z.string()),
  }),
  /**
   * The snapshot cut, as a lower bound: physical = when `nodetool snapshot` (which flushes first) was issued;
   * logical = when the scan began (rows written during the scan may or may not be in it).
   */
  takenAt: z.iso.datetime(),
  completedAt: z.iso.datetime(),
  tables: z.array(table),
  files: z.array(file),
  /**
   * Physical takes: each source node (host id, address, tokens, its own cut) and the window from the first node's
   * call to the last one's answer. Missing in artifacts written before they were recorded; readers that do not know
   * these fields ignore them, and every node's files still load into one node.
   */
  nodes: z.array(nodeRecord).min(1).optional(),
  cut: cutWindow.optional(),
  /** Missing in artifacts written before masking existed: those are unmasked. */
  masking: maskingRecord.optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type TableManifest = Manifest['tables'][number];
export type ColumnManifest = TableManifest['columns'][number];
export type FileManifest = Manifest['files'][number];

/** Thrown for anything wrong with an artifact; the message names the file or table. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

export async function readManifest(artifact: string): Promise<Manifest> {
  const path = join(artifact, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    if (existsSync(join(artifact, PART_FILE)))
      throw new SnapshotError(
        `${artifact} is one node's part of a cluster snapshot, not an artifact: join every node's part first ` +
          '(npm run snapshot -- join PART... --out ROOT)',
      );
    throw new SnapshotError(`Not a snapshot artifact: ${path} is missing`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SnapshotError(`${path} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError(
      `${path} is not a ${READABLE_FORMATS.join(' or ')} manifest: ${issue?.path.join('.')} ${issue?.message}`,
    );
  }
  return parsed.data;
}

export async function writeManifest(artifact: string, manifest: Manifest): Promise<void> {
  await writeFile(join(artifact, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Regular and static columns carry cells (value, write time, TTL); key columns do not. */
const isCellColumn = (c: ColumnManifest): boolean => c.kind === 'regular' || c.kind === 'static';

/** Key columns in primary-key order: partition key first, then clustering columns. */
export function keyColumns(t: Pick<TableManifest, 'columns'>): ColumnManifest[] {
  const rank = (c: ColumnManifest) => (c.kind === 'partition_key' ? 0 : 1) * 1000 + c.position;
  return t.columns.filter((c) => !isCellColumn(c)).sort((a, b) => rank(a) - rank(b));
}

export function cellColumns(t: Pick<TableManifest, 'columns'>): ColumnManifest[] {
  return t.columns.filter(isCellColumn).sort((a, b) => a.name.localeCompare(b.name));
}
