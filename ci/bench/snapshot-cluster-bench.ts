import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CassandraCluster, CassandraNode } from '@guestbook/cassandra';
import type { NodeAccess } from '../snapshot/cql-client.js';
import type { RestoreTarget } from '../snapshot/index.js';
import { ensureClusterLoaded, measureCqlLoadRate, type ClusterLoad } from './cluster-source.js';
import type { WatchedNode } from './node-memory.js';
import { runOnce } from './snapshot-bench-run.js';
import { printClusterReport } from './snapshot-cluster-report.js';
import { CASES, describeCase, type ClusterCase, type ClusterCaseResult } from './snapshot-cluster-cases.js';

export interface ClusterBenchOptions {
  home: string;
  /** Production as a cluster, started by the caller beside the single node. */
  cluster: CassandraCluster;
  sizes: number[];
  warmUpSize: number;
  repeat: number;
  /** Entries written over CQL into each source to measure the load rate; 0 skips it. */
  cqlSample: number;
  production: CassandraNode;
  ci: CassandraNode;
  /** Fills the single node's keyspace of this size (over CQL, once). */
  ensureLoaded(size: number): Promise<void>;
  keyspaceOf(size: number): string;
  log: (line: string) => void;
  quiet: (line: string) => void;
}

/**
 * Production as a cluster (N nodes, one replica on each) beside production as one node, in the same run on the same
 * machine: each case's take + restore, alternated per repeat so that a busy minute on the shared cores hits both.
 */
export async function runClusterBench(options: ClusterBenchOptions): Promise<void> {
  const { home, log, cluster } = options;
  const nodes = cluster.nodes.length;
  const loads: ClusterLoad[] = [];
  for (const size of [options.warmUpSize, ...options.sizes]) {
    await options.ensureLoaded(size);
    const load = await ensureClusterLoaded({
      cluster,
      single: options.production,
      keyspace: options.keyspaceOf(size),
      root: join(home, 'artifacts'),
      log,
    });
    if (load) loads.push(load);
  }
  const cqlRate =
    options.cqlSample > 0 ? await measureCqlLoadRate(options.production, cluster, options.cqlSample, log) : undefined;

  const run = (size: number, one: ClusterCase, copyKeyspace: string) =>
    runCase(one, size, { ...options, copyKeyspace });
  // The first take + restore of each kind on a fresh JVM is several times slower: one small round first. A copy
  // cluster's fresh JVMs are part of what its restore costs, so it has none.
  for (const [index, one] of CASES.entries())
    if (one.copy === '1-node copy') await run(options.warmUpSize, one, `warm_up_${index}`);
  const results: ClusterCaseResult[] = [];
  for (const size of options.sizes) {
    for (let i = 0; i < options.repeat; i++) {
      for (const [index, one] of CASES.entries()) {
        const outcome = await run(size, one, `copy_${index}_${size}_${i}`);
        if (outcome.result) log(`${describeCase(one)} ${size}: ${Math.round(outcome.result.totalMs)} ms`);
        results.push(outcome);
      }
    }
  }
  printClusterReport({ results, sizes: options.sizes, nodes, loads, cqlRate });
}

async function runCase(
  one: ClusterCase,
  size: number,
  options: ClusterBenchOptions & { copyKeyspace: string },
): Promise<ClusterCaseResult> {
  const { cluster, production, ci } = options;
  const sources: Array<NodeAccess & { pid: number }> = one.source === 'cluster' ? cluster.nodes : [production];
  const copyDirectory = join(options.home, 'copies', options.copyKeyspace);
  // A copy cluster's nodes start inside the restore, so only the CI node's memory is known in advance.
  const watched: WatchedNode[] = [
    ...sources.map((node, index) => ({ label: `source ${index + 1}`, pid: node.pid })),
    ...(one.copy === '1-node copy' ? [{ label: 'copy', pid: ci.pid }] : []),
  ];
  const target: RestoreTarget =
    one.copy === '1-node copy'
      ? { node: ci }
      : { directory: copyDirectory, nodes: cluster.nodes.length, clusterName: 'bench-copy', startTimeoutMs: 600_000 };
  const result = await runOnce(one.kind, size, {
    sources,
    target,
    watched,
    root: join(options.home, 'artifacts'),
    keyspace: options.keyspaceOf(size),
    copyKeyspace: options.copyKeyspace,
    log: options.quiet,
  });
  await rm(copyDirectory, { recursive: true, force: true });
  return { ...one, result };
}
