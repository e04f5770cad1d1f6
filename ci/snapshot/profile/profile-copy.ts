import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CqlEndpoint } from '../cql-client.js';
import { takeLogicalSnapshot } from '../logical/logical-take.js';
import { readProfile, type SnapshotProfile } from './snapshot-profile.js';

/**
 * The profile of a physical snapshot, from its restored copy: a physical take copies SSTable files and never holds a
 * row, so the rows are read back from the copy (one logical scan into a scratch directory, kept only for its
 * profile.json). A restore keeps every cell's write time, so first-seen times are production's. `takenAt` is the
 * physical snapshot's cut, which the copy's scan time would misstate.
 */
export async function profileRestoredCopy(options: {
  copy: CqlEndpoint;
  keyspace: string;
  takenAt: string;
  out: string;
}): Promise<SnapshotProfile> {
  const scratch = await mkdtemp(join(tmpdir(), 'snapshot-profile-'));
  try {
    const taken = await takeLogicalSnapshot({ source: options.copy, keyspace: options.keyspace, root: scratch });
    const profile = { ...(await readProfile(taken.directory)), takenAt: options.takenAt };
    await writeFile(options.out, `${JSON.stringify(profile, null, 2)}\n`);
    return profile;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
