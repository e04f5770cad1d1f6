import { copyFile, link } from 'node:fs/promises';
import { basename } from 'node:path';

/**
 * SSTable components Cassandra writes once, the bulk of the bytes: hard-linked. The small rest is copied, since
 * Cassandra may replace some in place (why: docs/snapshots.md, "What a restore checks").
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
