import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sstablesPath } from '../artifact/artifact-layout.js';
import { SnapshotError } from '../artifact/manifest.js';
import { placeFile } from '../artifact/place-file.js';
import type { NodeAccess } from '../cql-client.js';

export interface PlacedFile {
  path: string;
  table: string;
}

/** Places one node's snapshot `tag` of every table into the artifact's sstables/node<index>/<table>/. */
export async function placeNodeFiles(
  node: NodeAccess,
  index: number,
  keyspace: string,
  tag: string,
  tables: string[],
  artifact: string,
): Promise<PlacedFile[]> {
  const placed: PlacedFile[] = [];
  const keyspaceDir = join(node.dataDirectory, keyspace);
  const tableDirs = await readdir(keyspaceDir);
  for (const table of tables) {
    const snapshotDir = await findSnapshotDirectory(keyspaceDir, tableDirs, table, tag);
    if (!snapshotDir)
      throw new SnapshotError(
        `Snapshot ${tag} of table ${table} was not found under ${keyspaceDir} (node ${node.contactPoint})`,
      );
    const target = sstablesPath(index, table);
    await mkdir(join(artifact, target), { recursive: true });
    const entries = await readdir(snapshotDir, { withFileTypes: true });
    // manifest.json and schema.cql are Cassandra's own notes about the snapshot; the artifact keeps its own.
    const files = entries.filter((e) => e.isFile() && e.name !== 'manifest.json' && e.name !== 'schema.cql');
    await Promise.all(files.map((e) => placeFile(join(snapshotDir, e.name), join(artifact, target, e.name))));
    placed.push(...files.map((e) => ({ path: `${target}/${e.name}`, table })));
  }
  return placed;
}

/** A table's folder is <table>-<id>; after a DROP and CREATE there can be two, and only one has this snapshot. */
async function findSnapshotDirectory(
  keyspaceDir: string,
  tableDirs: string[],
  table: string,
  tag: string,
): Promise<string | undefined> {
  for (const dir of tableDirs.filter(
    (d) => d.startsWith(`${table}-`) && /^[0-9a-f]{32}$/.test(d.slice(table.length + 1)),
  )) {
    const candidate = join(keyspaceDir, dir, 'snapshots', tag);
    try {
      await readdir(candidate);
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}
