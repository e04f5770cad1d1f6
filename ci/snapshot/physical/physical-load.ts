import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NodeAccess } from '../cql-client.js';
import type { NodeControl } from './node-control.js';
import { placeFile } from '../artifact/place-file.js';
import type { VerifiedArtifact } from '../artifact/verify.js';

/**
 * Loads a physical artifact's SSTables into `keyspace` on `node` as `nodetool import --copy-data` does, from a staging
 * directory, never the artifact: import rewrites Statistics.db where it reads (docs/snapshots.md, restore checks).
 * Every source node's files by default (one node holds the whole copy, replicas reconciled by write time), or only
 * source node `fromNode`'s (a copy node with that node's tokens).
 */
export async function importSSTables(
  node: NodeAccess,
  control: NodeControl,
  artifact: VerifiedArtifact,
  keyspace: string,
  fromNode?: number,
): Promise<void> {
  const staging = join(
    node.dataDirectory,
    '..',
    'snapshot-import',
    `${artifact.manifest.id}-${randomBytes(3).toString('hex')}`,
  );
  const directoriesByTable = new Map<string, Set<string>>();
  try {
    for (const file of artifact.manifest.files) {
      if (!file.table || (fromNode !== undefined && !file.path.startsWith(`sstables/node${fromNode}/`))) continue;
      const target = join(staging, file.path);
      await mkdir(dirname(target), { recursive: true });
      await placeFile(join(artifact.directory, file.path), target);
      directoriesByTable.set(file.table, (directoriesByTable.get(file.table) ?? new Set()).add(dirname(target)));
    }
    await Promise.all(
      [...directoriesByTable].map(([table, directories]) => control.importSSTables(keyspace, table, [...directories])),
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
