import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CassandraCluster } from '@guestbook/cassandra';
import { SCHEMA_FILE, SnapshotError, type Manifest } from '../artifact/manifest.js';
import type { VerifiedArtifact } from '../artifact/verify.js';

/**
 * A copy cluster with the source's ring: node i owns node i's tokens, so node i's SSTables belong on copy node i and
 * nothing streams. Checked before any JVM starts, so a refusal leaves nothing running.
 */
export function assertSameRingPossible(manifest: Manifest, nodes: number): NonNullable<Manifest['nodes']> {
  if (manifest.kind !== 'physical' || !manifest.nodes)
    throw new SnapshotError(
      `A copy of ${nodes} nodes needs a physical artifact that records each node's tokens (this one does not): ` +
        'restore it into one node instead',
    );
  if (manifest.nodes.length !== nodes)
    throw new SnapshotError(
      `The artifact holds ${manifest.nodes.length} node(s); a copy with the same tokens needs as many (asked for ${nodes})`,
    );
  return manifest.nodes;
}

export async function startSameRingCluster(
  manifest: Manifest,
  options: {
    directory: string;
    nodes: number;
    heapMb?: number;
    clusterName?: string;
    startTimeoutMs?: number;
    log?: (line: string) => void;
  },
): Promise<CassandraCluster> {
  const nodes = assertSameRingPossible(manifest, options.nodes);
  return CassandraCluster.start({
    directory: options.directory,
    nodes: nodes.length,
    clusterName: options.clusterName ?? 'snapshot-copy',
    initialTokens: nodes.map((node) => node.tokens.join(',')),
    ...(options.heapMb ? { heapMb: options.heapMb } : {}),
    ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

/**
 * The copy keeps the source keyspace's replication factor, so that each copy node holds the same ranges as its source
 * node (the copy cluster has one data centre, as SimpleSnitch names it).
 */
export async function sourceReplication(artifact: VerifiedArtifact): Promise<Record<string, string | number>> {
  const cql = await readFile(join(artifact.directory, SCHEMA_FILE), 'utf8');
  const map = /CREATE\s+KEYSPACE[\s\S]*?replication\s*=\s*\{([^}]*)\}/i.exec(cql)?.[1] ?? '';
  const entries = [...map.matchAll(/'([^']+)'\s*:\s*'([^']*)'/g)].map((m) => [m[1]!, m[2]!] as const);
  const strategy = entries.find(([key]) => key === 'class')?.[1] ?? '';
  const factors = /SimpleStrategy$/.test(strategy)
    ? entries.filter(([key]) => key === 'replication_factor')
    : entries.filter(([key]) => key !== 'class'); // NetworkTopologyStrategy: one factor per data centre
  if (factors.length !== 1)
    throw new SnapshotError(
      `The source keyspace's replication (${map.trim()}) is not one data centre's: a same-token copy cannot mirror it`,
    );
  return { class: 'SimpleStrategy', replication_factor: Number(factors[0]![1]) };
}
