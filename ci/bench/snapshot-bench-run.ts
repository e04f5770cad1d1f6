import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { connect, endpointOf, type NodeAccess } from '../snapshot/cql-client.js';
import { restoreSnapshot, takeSnapshot, type RestoreTarget, type SnapshotKind } from '../snapshot/index.js';
import { watchNodeMemory, type WatchedNode } from './node-memory.js';

export interface RunResult {
  kind: SnapshotKind;
  entries: number;
  takeMs: number;
  restoreMs: number;
  firstQueryMs: number;
  /** Take + restore + first query, as one wall-clock span. */
  totalMs: number;
  /** From the snapshot cut (manifest takenAt) to the copy's first answer. */
  stalenessMs: number;
  /** From the snapshot cut to the end of the restore: how old the copy's data is when it is handed over. */
  restoredStalenessMs: number;
  artifactBytes: number;
  /** Bytes the artifact added to the disk: files that are not hard links to production's. */
  newDiskBytes: number;
  rowsInManifest: number;
  steps: Record<string, number>;
  /** From the first node's snapshot call to the last node's answer (the manifest's cut window); physical takes only. */
  cutSkewMs?: number;
  /** Peak RSS in bytes of each watched Cassandra JVM during the run, by label. */
  peakRssBytes: Record<string, number>;
}

/** One take + restore + first query, timed end to end, then the copy and the artifact are removed. */
export async function runOnce(
  kind: SnapshotKind,
  entries: number,
  options: {
    /** Every node of the source: one for a single node, all of a cluster's. */
    sources: NodeAccess[];
    target: RestoreTarget;
    /** The JVMs whose memory the run samples: sources and target. */
    watched?: WatchedNode[];
    root: string;
    keyspace: string;
    copyKeyspace: string;
    log: (l: string) => void;
  },
): Promise<RunResult> {
  const memory = watchNodeMemory(options.watched ?? []);
  const began = performance.now();
  const taken = await takeSnapshot({
    kind,
    keyspace: options.keyspace,
    root: options.root,
    nodes: options.sources,
    log: options.log,
  });
  const took = performance.now();
  const copy = await restoreSnapshot({
    artifact: taken.directory,
    keyspace: options.copyKeyspace,
    target: options.target,
    log: options.log,
  });
  const restored = performance.now();
  const restoredAt = Date.now();
  const page = await firstPage(copy.contactPoints, copy.keyspace);
  const answered = performance.now();
  const answeredAt = Date.now();
  const peakRssBytes = memory.stop();
  if (page < 1) throw new Error(`The ${kind} copy of ${entries} entries answered with an empty first page`);

  const sizes = await artifactSizes(taken.directory);
  await copy.stop();
  await rm(taken.directory, { recursive: true, force: true });
  const byDay = taken.manifest.tables.find((t) => t.name === 'entries_by_day');
  return {
    kind,
    entries,
    takeMs: took - began,
    restoreMs: restored - took,
    firstQueryMs: answered - restored,
    totalMs: answered - began,
    stalenessMs: answeredAt - Date.parse(taken.manifest.takenAt),
    restoredStalenessMs: restoredAt - Date.parse(taken.manifest.takenAt),
    ...(taken.manifest.cut ? { cutSkewMs: taken.manifest.cut.skewMs } : {}),
    ...sizes,
    rowsInManifest: byDay?.rows.count ?? 0,
    steps: { ...prefix('take.', taken.timings), ...prefix('restore.', copy.timings) },
    peakRssBytes,
  };
}

/** What the API does first: the newest day with entries, then the first page of that day. */
async function firstPage(contactPoints: string[], keyspace: string): Promise<number> {
  const client = await connect({ contactPoints }, keyspace);
  try {
    const day = (await client.execute('SELECT day FROM entry_days WHERE shard = 0 LIMIT 1')).first()?.get('day') as
      string | undefined;
    const page = await client.execute('SELECT id, name, message FROM entries_by_day WHERE day = ? LIMIT 20', [
      day ?? '',
    ]);
    return page.rowLength;
  } finally {
    await client.shutdown();
  }
}

async function artifactSizes(directory: string): Promise<{ artifactBytes: number; newDiskBytes: number }> {
  let artifactBytes = 0;
  let newDiskBytes = 0;
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const s = await stat(join(entry.parentPath, entry.name));
    artifactBytes += s.size;
    if (s.nlink === 1) newDiskBytes += s.size;
  }
  return { artifactBytes, newDiskBytes };
}

const prefix = (p: string, timings: Record<string, number>) =>
  Object.fromEntries(Object.entries(timings).map(([k, v]) => [p + k, v]));

export { endpointOf };
