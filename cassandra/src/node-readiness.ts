import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import cassandra from 'cassandra-driver';
import { NodeStartError } from './errors.js';
import type { NodeState } from './node-state.js';

/** What start-up needs to know of a node it is waiting for. */
export interface StartingNode {
  directory: string;
  state: NodeState;
  contactPoint: string;
  credentials: { username: string; password: string } | undefined;
}

export class PortTakenError extends NodeStartError {
  override name = 'PortTakenError';
}

function startupFailure(node: StartingNode, lines: string): NodeStartError {
  const log = join(node.directory, 'logs', 'system.log');
  if (!/in use|BindException/.test(lines)) {
    return new NodeStartError(`Cassandra exited during start-up: ${log} says why.`, lines);
  }
  const ports = [node.state.nativePort, node.state.storagePort, node.state.jmxPort];
  const port = ports.find((p) => lines.includes(String(p))) ?? ports.join(', ');
  return new PortTakenError(
    `Port ${port} is taken by another process, so Cassandra could not start in ${node.directory}: stop that process, ` +
      `or delete ${join(node.directory, 'node.json')} to let the node pick new ports.`,
    lines,
  );
}

/** Ready means a real CQL query answers (and, with authentication on, the default superuser exists). */
export async function waitForCql(
  node: StartingNode,
  child: ChildProcess,
  logFile: string,
  logOffset: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let listening = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw startupFailure(node, `${tail(logFile, logOffset)}${tail(join(node.directory, 'logs', 'stdout.log'), 0)}`);
    }
    listening ||=
      existsSync(logFile) && readFileSync(logFile).subarray(logOffset).includes('Starting listening for CQL clients');
    if (listening && (await answersCql(node))) return;
    await sleep(200);
  }
  throw new NodeStartError(
    `Cassandra did not accept CQL within ${timeoutMs / 1000} s (a busy machine starts it slowly): ${logFile} ` +
      'says more.',
    tail(logFile, logOffset),
  );
}

async function answersCql(node: StartingNode): Promise<boolean> {
  const client = new cassandra.Client({
    contactPoints: [node.contactPoint],
    localDataCenter: 'datacenter1',
    ...(node.credentials ? { credentials: node.credentials } : {}),
    socketOptions: { connectTimeout: 2000, readTimeout: 2000 },
  });
  try {
    await client.execute('SELECT release_version FROM system.local');
    return true;
  } catch {
    return false;
  } finally {
    await client.shutdown().catch(() => {});
  }
}

function tail(file: string, offset: number): string {
  if (!existsSync(file)) return '';
  return readFileSync(file).subarray(offset).toString('utf8').split('\n').slice(-25).join('\n');
}
