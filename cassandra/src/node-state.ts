import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a node directory remembers between runs: its ports (so clients reconnect after a restart) and its JVM. */
export interface NodeState {
  clusterName: string;
  host: string;
  nativePort: number;
  storagePort: number;
  jmxPort: number;
  passwordAuth: boolean;
  /** A node of a multi-node cluster: the seeds it gossips with (`host:port`) and the token(s) it owns, comma-separated. */
  seeds?: string[];
  initialToken?: string;
  pid?: number;
  /** The process that started the JVM and stops it; absent when the node was left running on purpose. */
  ownerPid?: number;
}

const stateFile = (directory: string) => join(directory, 'node.json');

export function readNodeState(directory: string): NodeState | undefined {
  const file = stateFile(directory);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as NodeState) : undefined;
}

export function writeNodeState(directory: string, state: NodeState): void {
  writeFileSync(stateFile(directory), `${JSON.stringify(state, null, 2)}\n`);
}
