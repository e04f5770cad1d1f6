import { readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PARTIAL_PREFIX } from './artifact-layout.js';
import { readManifest, writeManifest, type Manifest } from './manifest.js';

export interface TakenSnapshot {
  id: string;
  /** The artifact directory: pass it to restoreSnapshot or verifySnapshot. */
  directory: string;
  manifest: Manifest;
  /** Milliseconds per step, for benchmarks and for knowing where the time goes. */
  timings: Record<string, number>;
}

/** Writes the manifest last, then renames the partial directory into place: an artifact directory is always whole. */
export async function finishArtifact(partial: string, root: string, manifest: Manifest): Promise<string> {
  await writeManifest(partial, manifest);
  const directory = join(root, manifest.id);
  await rename(partial, directory);
  return directory;
}

interface ListedArtifact {
  directory: string;
  manifest: Manifest;
}

export interface ArtifactListing {
  artifacts: ListedArtifact[];
  /** Takes that never finished (or are still running), with the time they were last touched. */
  partials: { directory: string; modifiedAt: Date }[];
  /** Directories that are neither: left alone by prune. */
  others: string[];
}

/** Every artifact under the root, newest first by snapshot time. */
export async function listArtifacts(root: string): Promise<ArtifactListing> {
  const listing: ArtifactListing = { artifacts: [], partials: [], others: [] };
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return listing;
  }
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const directory = join(root, entry.name);
    if (entry.name.startsWith(PARTIAL_PREFIX)) {
      listing.partials.push({ directory, modifiedAt: (await stat(directory)).mtime });
      continue;
    }
    try {
      listing.artifacts.push({ directory, manifest: await readManifest(directory) });
    } catch {
      listing.others.push(directory);
    }
  }
  listing.artifacts.sort((a, b) => b.manifest.takenAt.localeCompare(a.manifest.takenAt));
  return listing;
}
