import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a cluster directory remembers between runs: how many nodes, where, and on which shared ports. */
export interface ClusterState {
  clusterName: string;
  hosts: string[];
  nativePort: number;
  storagePort: number;
  /** Each node's token(s), comma-separated; absent in clusters started before tokens could be chosen (balanced). */
  tokens?: string[];
}

const stateFile = (directory: string) => join(directory, 'cluster.json');

export function readClusterState(directory: string): ClusterState | undefined {
  const file = stateFile(directory);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterState) : undefined;
}

export function writeClusterState(directory: string, state: ClusterState): void {
  writeFileSync(stateFile(directory), `${JSON.stringify(state, null, 2)}\n`);
}

/** node1, node2, ...: each node's own home (conf, data, logs, node.json) inside the cluster's directory. */
export const nodeDirectory = (directory: string, index: number) => join(directory, `node${index + 1}`);

/**
 * One loopback address per node, as ccm does: Linux answers on all of 127.0.0.0/8 without aliases, so every node can
 * use the same CQL and storage ports, which the driver needs (it reaches peers on the contact point's port).
 */
export function loopbackHosts(nodes: number): string[] {
  return Array.from({ length: nodes }, (_, index) => `127.0.0.${index + 1}`);
}

/** One token per node, spread evenly over Murmur3's range, so each node owns an equal share. */
export function balancedTokens(nodes: number): string[] {
  const span = 2n ** 64n;
  return Array.from({ length: nodes }, (_, index) => String(-(2n ** 63n) + (span * BigInt(index)) / BigInt(nodes)));
}

const MURMUR3_MIN = -(2n ** 63n);
const MURMUR3_MAX = 2n ** 63n - 1n;

/**
 * Checks tokens given for each node (a copy of another cluster's ring): whole numbers in Murmur3's range, none owned
 * twice. Returns the first problem in one sentence, or undefined.
 */
export function tokenProblem(tokens: string[], nodes: number): string | undefined {
  if (tokens.length !== nodes) return `${tokens.length} token lists were given for ${nodes} nodes`;
  const seen = new Set<bigint>();
  for (const [index, list] of tokens.entries()) {
    for (const text of list.split(',')) {
      if (!/^-?\d+$/.test(text.trim())) return `node ${index + 1}: token "${text}" is not a whole number`;
      const token = BigInt(text.trim());
      if (token < MURMUR3_MIN || token > MURMUR3_MAX)
        return `node ${index + 1}: token ${token} is outside Murmur3's range`;
      if (seen.has(token)) return `token ${token} is given to two nodes`;
      seen.add(token);
    }
  }
  return undefined;
}
