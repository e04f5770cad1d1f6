import { copyFile, link } from 'node:fs/promises';
import { basename } from 'node:path';

/**
 * SSTable components Cassandra writes once and never opens for writing again: the bulk of the bytes. They are
 * hard-linked, so placing them costs one directory entry each, whatever their size.
 *
 * Every other component is small and copied. Cassandra replaces some of them later (Statistics.db is rewritten by
 * `nodetool import` when it resets the level and repair state; Filter.db can be re-saved in place when a bloom filter is
 * rebuilt), and a copy keeps that from reaching whoever else links the same inode.
 */
const WRITE_ONCE = /-(Data|Index|Partitions|Rows)\.db$/;

export type Placement = 'linked' | 'copied';

export async function placeFile(source: string, target: string): Promise<Placement> {
  if (WRITE_ONCE.test(basename(source))) {
    try {
      await link(source, target);
      return 'linked';
    } catch (error) {
      // Another filesystem (EXDEV) or one without hard links: fall back to copying the bytes.
      if (!isErrno(error, 'EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK')) throw error;
    }
  }
  await copyFile(source, target);
  return 'copied';
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && 'code' in error && codes.includes(String(error.code));
}
