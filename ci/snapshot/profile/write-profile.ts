import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileManifest } from '../artifact/manifest.js';
import { PROFILE_FILE, snapshotProfile, type TableProfiler } from './snapshot-profile.js';

/** Writes profile.json into the artifact being built and returns its manifest entry (size and sha256). */
export async function writeProfile(directory: string, takenAt: Date, tables: TableProfiler[]): Promise<FileManifest> {
  const profile = snapshotProfile(
    takenAt.toISOString(),
    tables.flatMap((t) => t.columns()),
  );
  const bytes = Buffer.from(`${JSON.stringify(profile, null, 2)}\n`, 'utf8');
  await writeFile(join(directory, PROFILE_FILE), bytes);
  return { path: PROFILE_FILE, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
