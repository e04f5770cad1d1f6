import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SnapshotError } from '../artifact/manifest.js';
import type { ColumnProfile } from './text-column-profiler.js';
import { UNICODE_DATA_VERSION } from './unicode-tables.js';

export const PROFILE_FILE = 'profile.json';
const PROFILE_FORMAT = 'guestbook-profile/1';

export interface SnapshotProfile {
  format: typeof PROFILE_FORMAT;
  unicodeVersion: string;
  /** The snapshot's cut (manifest takenAt): what "now" means when two profiles are compared. */
  takenAt: string;
  /** `table.column` for every text cell column; key columns carry no write time and are left out. */
  columns: Record<string, ColumnProfile>;
}

export function snapshotProfile(takenAt: string, columns: ColumnProfile[]): SnapshotProfile {
  return {
    format: PROFILE_FORMAT,
    unicodeVersion: UNICODE_DATA_VERSION,
    takenAt,
    columns: Object.fromEntries(columns.map((c) => [`${c.table}.${c.column}`, c])),
  };
}

/** The profile in an artifact directory, or a profile file given by path. */
export async function readProfile(artifactOrFile: string): Promise<SnapshotProfile> {
  const path = artifactOrFile.endsWith('.json') ? artifactOrFile : join(artifactOrFile, PROFILE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new SnapshotError(
      `No profile at ${path}: a logical take writes one; for a physical snapshot, restore it and run ` +
        '`npm run snapshot -- profile ARTIFACT --keyspace COPY --out FILE`, then pass FILE',
    );
  }
  let profile: Partial<SnapshotProfile>;
  try {
    profile = JSON.parse(text) as Partial<SnapshotProfile>;
  } catch {
    throw new SnapshotError(`${path} is not valid JSON; take the snapshot again or pass another profile`);
  }
  if (profile.format !== PROFILE_FORMAT || typeof profile.columns !== 'object')
    throw new SnapshotError(`${path} is not a ${PROFILE_FORMAT} profile; take the snapshot again with this toolkit`);
  return profile as SnapshotProfile;
}
