import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  balancedTokens,
  loopbackHosts,
  tokenProblem,
  nodeDirectory,
  readClusterState,
  writeClusterState,
  type ClusterState,
} from './cluster-layout.js';
import { waitUntilClusterIsUp } from './cluster-readiness.js';
import { NodeStartError } from './errors.js';
import { CassandraNode } from './node.js';
import { freePortOnEvery } from './ports.js';

export interface StartClusterOptions {
  /** Home of the cluster: cluster.json and one directory per node (node1, node2, ...). */
  directory: string;
  /** 2 to 9; a directory that already holds a cluster keeps its size. */
  nodes?: number;
  clusterName?: string;
  /**
   * Each node's token(s), comma-separated when a node owns several (a copy of another cluster's ring, so that each copy
   * node holds exactly its source node's ranges). Default: one balanced token per node. Remembered in cluster.json.
   */
  initialTokens?: string[];
  /** Per node; 256 MB keeps three nodes small on a shared machine. */
  heapMb?: number;
  passwordAuth?: boolean;
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

/** An N-node Cassandra cluster on this machine: one JVM per node, one loopback address per node, one cluster name. */
export class CassandraCluster {
  private constructor(
    readonly directory: string,
    readonly nodes: CassandraNode[],
  ) {}

  /** Every node's `host:port`, the form CASSANDRA_CONTACT_POINTS takes. */
  get contactPoints(): string[] {
    return this.nodes.map((node) => node.contactPoint);
  }

  static async start(options: StartClusterOptions): Promise<CassandraCluster> {
    const log = options.log ?? (() => {});
    const directory = resolve(options.directory);
    const state = await clusterState(directory, options);
    mkdirSync(directory, { recursive: true });
    writeClusterState(directory, state);
    const tokens = state.tokens ?? balancedTokens(state.hosts.length);
    // The first node is the seed. Nodes start one after another: Cassandra 5.0 lets one node join the ring at a time.
    const seeds = [`${state.hosts[0]}:${state.storagePort}`];
    const nodes: CassandraNode[] = [];
    try {
      for (const [index, host] of state.hosts.entries()) {
        nodes.push(
          await CassandraNode.start({
            directory: nodeDirectory(directory, index),
            clusterName: state.clusterName,
            host,
            nativePort: state.nativePort,
            storagePort: state.storagePort,
            seeds,
            initialToken: tokens[index],
            heapMb: options.heapMb ?? 256,
            passwordAuth: options.passwordAuth,
            startTimeoutMs: options.startTimeoutMs,
            log,
          }),
        );
      }
      log(`Waiting until all ${nodes.length} nodes are Up and Normal...`);
      await waitUntilClusterIsUp(nodes, options.startTimeoutMs ?? 180_000);
    } catch (error) {
      await Promise.all(nodes.map((node) => node.kill()));
      throw error;
    }
    return new CassandraCluster(directory, nodes);
  }

  /** Attaches to a cluster that `start` left running in `directory`; undefined when no node of it runs. */
  static async attach(directory: string): Promise<CassandraCluster | undefined> {
    const dir = resolve(directory);
    const state = readClusterState(dir);
    if (!state) return undefined;
    const nodes = await Promise.all(state.hosts.map((_, index) => CassandraNode.attach(nodeDirectory(dir, index))));
    const running = nodes.filter((node): node is CassandraNode => node !== undefined);
    return running.length ? new CassandraCluster(dir, running) : undefined;
  }

  static isClusterDirectory(directory: string): boolean {
    return readClusterState(resolve(directory)) !== undefined;
  }

  /** Drains every node (all at once), then stops their JVMs. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }

  async kill(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.kill()));
  }

  leaveRunning(): void {
    for (const node of this.nodes) node.leaveRunning();
  }
}

async function clusterState(directory: string, options: StartClusterOptions): Promise<ClusterState> {
  const previous = readClusterState(directory);
  const nodes = options.nodes ?? previous?.hosts.length ?? 3;
  if (!Number.isInteger(nodes) || nodes < 2 || nodes > 9) {
    throw new NodeStartError(`--nodes must be a whole number from 2 to 9 (got ${nodes}); one node is plain "start".`);
  }
  if (previous && previous.hosts.length !== nodes) {
    throw new NodeStartError(
      `${directory} holds a ${previous.hosts.length}-node cluster: start it with --nodes ${previous.hosts.length}, ` +
        'or choose another --dir.',
    );
  }
  const tokens = options.initialTokens?.map((list) => list.trim());
  const problem = tokens && tokenProblem(tokens, nodes);
  if (problem) throw new NodeStartError(`Cannot give the nodes these tokens: ${problem}.`);
  // A node keeps the tokens it joined with; other tokens would need a move with streaming, not a restart.
  if (previous && tokens && (previous.tokens ?? balancedTokens(nodes)).join(' ') !== tokens.join(' ')) {
    throw new NodeStartError(`${directory} holds a cluster whose nodes own other tokens: choose another --dir.`);
  }
  if (!previous && existsSync(join(directory, 'node.json'))) {
    throw new NodeStartError(`${directory} holds a single node: choose another --dir for a cluster.`);
  }
  if (previous) return previous;
  const hosts = loopbackHosts(nodes);
  const nativePort = await freePortOnEvery(hosts);
  let storagePort = await freePortOnEvery(hosts);
  while (storagePort === nativePort) storagePort = await freePortOnEvery(hosts);
  return {
    clusterName: options.clusterName ?? basename(directory),
    hosts,
    nativePort,
    storagePort,
    ...(tokens ? { tokens } : {}),
  };
}
