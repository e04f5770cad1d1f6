import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_FILE } from '../snapshot/profile/snapshot-profile.js';

/**
 * The baseline of a data check: the profile of the last snapshot of a keyspace that the deployed code was shown to
 * handle, kept as `<snapshots>/data-check/<keyspace>.profile.json`. It is not simply the newest snapshot: after a failed
 * check the new shapes must stay new, so the next run checks them again until a deploy handles them.
 * A profile holds shapes and counts, never a value, so it can live in a CI cache.
 */
const baselineDir = (snapshotsDir: string) => join(snapshotsDir, 'data-check');
export const baselineFile = (snapshotsDir: string, keyspace: string) =>
  join(baselineDir(snapshotsDir), `${keyspace}.profile.json`);

export function acceptedBaseline(snapshotsDir: string, keyspace: string): string | undefined {
  const file = baselineFile(snapshotsDir, keyspace);
  return existsSync(file) ? file : undefined;
}

/** The snapshot's profile becomes the baseline: its shapes are known to work with the deployed code. */
export function acceptSnapshot(snapshotsDir: string, keyspace: string, artifact: string): string {
  mkdirSync(baselineDir(snapshotsDir), { recursive: true });
  const file = baselineFile(snapshotsDir, keyspace);
  copyFileSync(join(artifact, PROFILE_FILE), file);
  return file;
}
