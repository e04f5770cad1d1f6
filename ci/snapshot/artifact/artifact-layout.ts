import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/*
 * An artifact is one directory under the artifacts root:
 *   <root>/<id>/manifest.json            what was taken, from where, when; every file's size and sha256
 *   <root>/<id>/schema.cql               the keyspace as DESCRIBE KEYSPACE gave it
 *   <root>/<id>/sstables/<node>/<table>/ physical: the SSTable components of one source node
 *   <root>/<id>/rows/<table>/<NNNN>.jsonl logical: one JSON array per row, one file per token range that holds rows,
 *                                        in ring order (format 1 had one rows/<table>.jsonl)
 * A take builds it in <root>/.partial-<id>/ and renames it into place once the manifest is written, so a directory
 * named <id> is always complete.
 */

export type SnapshotKind = 'physical' | 'logical';

/** Sorts by time: 20250102T030405678Z-physical-1a2b. */
export function newArtifactId(kind: SnapshotKind, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${kind}-${randomBytes(2).toString('hex')}`;
}

export const PARTIAL_PREFIX = '.partial-';
export const partialDirectory = (root: string, id: string) => join(root, `${PARTIAL_PREFIX}${id}`);

export const sstablesPath = (node: number, table: string) => `sstables/node${node}/${table}`;
export const rowsPath = (table: string, range: number) => `rows/${table}/${String(range).padStart(4, '0')}.jsonl`;

/** The name of the snapshot tag this toolkit gives production nodes; prune clears leftovers by this prefix. */
export const TAG_PREFIX = 'guestbook-snapshot-';
export const snapshotTag = (id: string) => `${TAG_PREFIX}${id}`;
