import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NodeAccess } from './cql-client.js';
import { SnapshotError } from './manifest.js';
import { placeFile } from './place-file.js';
import type { VerifiedArtifact } from './verify.js';

/**
 * Loads a physical artifact's SSTables into `keyspace` on `node` with `nodetool import --copy-data`.
 *
 * Import rewrites Statistics.db in the directory it imports from (it resets the level and repair state), so it is
 * never pointed at the artifact: the files are first placed in a staging directory on the node's filesystem (bulk
 * components hard-linked, small ones copied), and --copy-data then hard-links them into the table. The artifact's
 * files, and production's that they may share an inode with, are never opened for writing.
 */
export async function importSSTables(node: NodeAccess, artifact: VerifiedArtifact, keyspace: string): Promise<void> {
  const staging = join(node.dataDirectory, '..', 'snapshot-import', `${artifact.manifest.id}-${randomBytes(3).toString('hex')}`);
  const directoriesByTable = new Map<string, Set<string>>();
  try {
    for (const file of artifact.manifest.files) {
      if (!file.table) continue;
      const target = join(staging, file.path);
      await mkdir(dirname(target), { recursive: true });
      await placeFile(join(artifact.directory, file.path), target);
      directoriesByTable.set(file.table, (directoriesByTable.get(file.table) ?? new Set()).add(dirname(target)));
    }
    // One nodetool JVM per table, side by side: the JVM start (~0.5 s) dominates an import of linked files.
    await Promise.all(
      [...directoriesByTable].map(async ([table, directories]) => {
        try {
          await node.nodetool('import', ...IMPORT_FLAGS, '--', keyspace, table, ...directories);
        } catch (error) {
          throw new SnapshotError(`Import of table ${table} into ${keyspace} failed: ${(error as Error).message}`);
        }
      }),
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const IMPORT_FLAGS = ['--copy-data'];
