import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

// One directory per artifact under the root, built under a .partial- name so a directory named <id> is always
// complete. The layout: docs/snapshots.md (Artifact layout).

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
