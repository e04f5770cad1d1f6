import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFiles } from '../artifact/checksums.js';
import { UNMASKED_RAW_SSTABLES } from '../artifact/masking-record.js';
import { MANIFEST_FORMAT, SCHEMA_FILE, type Manifest } from '../artifact/manifest.js';
import { cutWindowOf, type NodeRecord } from '../artifact/node-record.js';
import type { ClusterIdentity } from '../cluster-identity.js';
import type { KeyspaceSchema } from '../source-schema.js';
import type { PlacedFile } from './node-snapshot-files.js';
import { sstableRowCounts } from './sstable-statistics.js';

type Lap = (step: string, since: number) => void;

/** sha256 of every placed file and the row count of every Data.db, read side by side. */
export async function describePlacedFiles(partial: string, placed: PlacedFile[], lap: Lap) {
  const began = performance.now();
  const dataFiles = placed.filter((file) => file.path.endsWith('-Data.db')).map((file) => join(partial, file.path));
  const [hashes, rowCounts] = await Promise.all([
    hashFiles(placed.map((file) => join(partial, file.path))).then((found) => (lap('hashMs', began), found)),
    sstableRowCounts(dataFiles).then((found) => (lap('rowCountMs', began), found)),
  ]);
  return { hashes, rowCounts };
}

export interface ManifestParts {
  id: string;
  keyspace: string;
  identity: ClusterIdentity;
  schema: KeyspaceSchema;
  contactPoints: string[];
  nodes: NodeRecord[];
  partial: string;
  placed: PlacedFile[];
  described: Awaited<ReturnType<typeof describePlacedFiles>>;
}

/** Writes schema.cql and returns the manifest of the files placed: one node's part, or a whole cluster's artifact. */
export async function physicalManifest(parts: ManifestParts): Promise<Manifest> {
  const { id, keyspace, identity, schema, partial, placed, described, nodes } = parts;
  await writeFile(join(partial, SCHEMA_FILE), schema.cql);
  const schemaHash = (await hashFiles([join(partial, SCHEMA_FILE)])).get(join(partial, SCHEMA_FILE))!;
  const rowsOf = (table: string, node: number) =>
    placed
      .filter((f) => f.table === table && f.path.startsWith(`sstables/node${node}/`) && f.path.endsWith('-Data.db'))
      .reduce((sum, file) => sum + described.rowCounts.get(join(partial, file.path))!, 0);
  const cut = cutWindowOf(nodes);
  return {
    format: MANIFEST_FORMAT,
    id,
    kind: 'physical',
    source: {
      clusterName: identity.clusterName,
      keyspace,
      hostIds: identity.hostIds,
      releaseVersion: identity.releaseVersion,
      contactPoints: parts.contactPoints,
    },
    takenAt: cut.earliest,
    completedAt: new Date().toISOString(),
    tables: schema.tables.map((table) => {
      const byNode = nodes.map((node) => rowsOf(table.name, node.index));
      return {
        ...table,
        rows: { count: byNode.reduce((sum, n) => sum + n, 0), method: 'sstable-statistics-sum', byNode },
      };
    }),
    files: [
      { path: SCHEMA_FILE, ...schemaHash },
      ...placed.map((file) => ({
        path: file.path,
        table: file.table,
        ...described.hashes.get(join(partial, file.path))!,
      })),
    ],
    nodes,
    cut,
    masking: UNMASKED_RAW_SSTABLES,
  };
}
