import { rm } from 'node:fs/promises';
import { TAG_PREFIX } from './artifact/artifact-layout.js';
import { listArtifacts } from './artifact/artifact-store.js';
import type { NodeAccess } from './cql-client.js';

export interface PruneOptions {
  root: string;
  /** Keep the newest N artifacts (by snapshot time). */
  keep?: number;
  /** Drop artifacts whose snapshot is older than this many milliseconds. */
  olderThanMs?: number;
  /** Nodes on which to clear snapshot tags this toolkit left behind (a take that was killed half-way). */
  nodes?: NodeAccess[];
  /** Unfinished takes (.partial-*) untouched for this long are removed; younger ones may still be running. */
  partialGraceMs?: number;
  dryRun?: boolean;
  now?: Date;
}

export interface PruneResult {
  removed: string[];
  kept: string[];
  clearedTags: { node: string; tag: string }[];
}

/**
 * Removes artifacts beyond the newest `keep` or older than `olderThanMs` (either rule is enough to go), abandoned
 * partial takes, and this toolkit's leftover snapshot tags on the nodes. Directories that are not artifacts, and
 * snapshot tags that are not this toolkit's, are never touched.
 */
export async function pruneSnapshots(options: PruneOptions): Promise<PruneResult> {
  const now = (options.now ?? new Date()).getTime();
  const { artifacts, partials } = await listArtifacts(options.root);
  const result: PruneResult = { removed: [], kept: [], clearedTags: [] };

  artifacts.forEach((artifact, newestFirst) => {
    const beyondKeep = options.keep !== undefined && newestFirst >= options.keep;
    const tooOld =
      options.olderThanMs !== undefined && now - Date.parse(artifact.manifest.takenAt) > options.olderThanMs;
    (beyondKeep || tooOld ? result.removed : result.kept).push(artifact.directory);
  });
  const grace = options.partialGraceMs ?? 60 * 60 * 1000;
  for (const partial of partials)
    if (now - partial.modifiedAt.getTime() > grace) result.removed.push(partial.directory);

  if (!options.dryRun) for (const directory of result.removed) await rm(directory, { recursive: true, force: true });

  for (const node of options.nodes ?? []) {
    const listing = await node.nodetool('listsnapshots');
    const tags = new Set(
      listing
        .split('\n')
        .filter((l) => l.startsWith(TAG_PREFIX))
        .map((l) => l.split(/\s+/)[0]!),
    );
    for (const tag of tags) {
      if (!options.dryRun) await node.nodetool('clearsnapshot', '-t', tag);
      result.clearedTags.push({ node: node.contactPoint, tag });
    }
  }
  return result;
}

/** "90s", "30m", "12h", "7d" → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`Invalid duration "${text}": use a number and s, m, h or d (for example 7d)`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}
