import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CassandraCluster, CassandraNode } from '@guestbook/cassandra';
import { withClient, type CqlEndpoint } from '../snapshot/cql-client.js';
import { takeSnapshot, verifySnapshot } from '../snapshot/index.js';
import { closeControls, openNodeControls } from '../snapshot/physical/node-control.js';
import { importSSTables } from '../snapshot/physical/physical-load.js';
import { applyGuestbookSchema, writeSyntheticEntries } from '../seed/synthetic-entries.js';

export interface ClusterLoad {
  keyspace: string;
  /** Snapshot of the single node + import into every node of the cluster, wall clock. */
  ms: number;
}

/** How fast entries go in over CQL: one node with one replica against the cluster with a replica on every node. */
export interface CqlLoadRate {
  entries: number;
  concurrency: number;
  singleNode: CqlLoadRun;
  cluster: CqlLoadRun;
}

/** A load's time, or the error that stopped it and when: a write timeout is a finding, not a crash of the bench. */
interface CqlLoadRun {
  ms: number;
  error?: string;
}

const SAMPLE_KEYSPACE = 'cql_load_sample';

export const clusterEndpoint = (cluster: CassandraCluster): CqlEndpoint => ({ contactPoints: cluster.contactPoints });

/**
 * Fills `keyspace` on the cluster (one replica per node) from the single node that already holds it: a physical snapshot
 * there, then each node imports all of its SSTables. Loading over CQL writes every entry three times over the network
 * and runs at a fraction of one node's rate on two cores; the SSTables are written once and each node only verifies
 * and links them in. Done once per keyspace (a marker in the cluster's directory), then the nodes are settled.
 */
export async function ensureClusterLoaded(options: {
  cluster: CassandraCluster;
  single: CassandraNode;
  keyspace: string;
  root: string;
  log: (line: string) => void;
}): Promise<ClusterLoad | undefined> {
  const { cluster, single, keyspace, log } = options;
  const marker = join(cluster.directory, `${keyspace}.loaded`);
  let load: ClusterLoad | undefined;
  if (!existsSync(marker)) {
    log(`Loading ${keyspace} into the ${cluster.nodes.length}-node cluster from the single node's SSTables`);
    const began = performance.now();
    const taken = await takeSnapshot({ kind: 'physical', keyspace, root: options.root, nodes: [single] });
    try {
      const verified = await verifySnapshot(taken.directory);
      await applyGuestbookSchema(clusterEndpoint(cluster), keyspace, cluster.nodes.length);
      const controls = await openNodeControls(cluster.nodes);
      try {
        // With as many replicas as nodes, every node owns every token: each imports the whole keyspace.
        await Promise.all(
          cluster.nodes.map((node, index) => importSSTables(node, controls[index]!, verified, keyspace)),
        );
      } finally {
        await closeControls(controls);
      }
    } finally {
      await rm(taken.directory, { recursive: true, force: true });
    }
    load = { keyspace, ms: performance.now() - began };
    await writeFile(marker, new Date().toISOString());
    log(`  loaded in ${(load.ms / 1000).toFixed(1)} s`);
  }
  for (const node of cluster.nodes) await settle(node, keyspace);
  return load;
}

/** Memtables flushed and compactions finished: timings should measure the snapshot, not the tail of the load. */
export async function settle(node: CassandraNode, keyspace: string): Promise<void> {
  await node.nodetool('flush', '--', keyspace);
  while (!/pending tasks:?\s+0\b/.test(await node.nodetool('compactionstats'))) await sleep(1000);
}

/**
 * The same synthetic entries written over CQL into a scratch keyspace of each, one after the other, then dropped. The
 * requests in flight are fewer than the seed's 128: with three replicas per write and a quorum to wait for, 128 on two
 * busy cores time out.
 */
export async function measureCqlLoadRate(
  single: CassandraNode,
  cluster: CassandraCluster,
  entries: number,
  log: (line: string) => void,
  concurrency = 32,
): Promise<CqlLoadRate> {
  const timed = async (endpoint: CqlEndpoint, replicas: number): Promise<CqlLoadRun> => {
    await applyGuestbookSchema(endpoint, SAMPLE_KEYSPACE, replicas);
    const began = performance.now();
    const error = await writeSyntheticEntries(
      endpoint,
      SAMPLE_KEYSPACE,
      { from: 0, to: entries },
      { concurrency },
    ).then(
      () => undefined,
      (failure: Error) => failure.message,
    );
    const ms = performance.now() - began;
    await withClient(endpoint, (client) => client.execute(`DROP KEYSPACE ${SAMPLE_KEYSPACE}`, [], { prepare: false }));
    log(
      `  ${entries} entries over CQL, ${replicas} replica(s): ${(ms / 1000).toFixed(1)} s${error ? ` (${error})` : ''}`,
    );
    return error ? { ms, error } : { ms };
  };
  log(`Measuring the CQL load rate with ${entries} entries, ${concurrency} requests in flight`);
  const singleNode = await timed({ contactPoints: [single.contactPoint] }, 1);
  const clusterRun = await timed(clusterEndpoint(cluster), cluster.nodes.length);
  return { entries, concurrency, singleNode, cluster: clusterRun };
}
