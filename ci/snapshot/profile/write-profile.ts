import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileManifest } from '../artifact/manifest.js';
import { PROFILE_FILE, snapshotProfile } from './snapshot-profile.js';
import type { ColumnProfile } from './text-column-profiler.js';

/** Writes profile.json into the artifact being built and returns its manifest entry (size and sha256). */
export async function writeProfile(directory: string, takenAt: Date, columns: ColumnProfile[]): Promise<FileManifest> {
  const profile = snapshotProfile(takenAt.toISOString(), columns);
  const bytes = Buffer.from(`${JSON.stringify(profile, null, 2)}\n`, 'utf8');
  await writeFile(join(directory, PROFILE_FILE), bytes);
  return { path: PROFILE_FILE, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
