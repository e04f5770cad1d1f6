import { setTimeout as sleep } from 'node:timers/promises';
import { NodeStartError } from './errors.js';
import type { NodeState } from './node-state.js';
import { isAlive, isCassandraProcess } from './processes.js';

/**
 * A JVM still running in `directory` is either a node someone left running on purpose (refused: stop it first) or an
 * orphan whose owner died without stopping it (stopped here, so the directory can be used again).
 */
export async function stopOrphanedNode(
  directory: string,
  previous: NodeState | undefined,
  log: (line: string) => void,
): Promise<void> {
  const pid = previous?.pid;
  // A dead JVM's pid may belong to another program by now, and a zombie has no command line: both count as gone.
  const running = () => pid !== undefined && isCassandraProcess(pid);
  if (!pid || !running()) return;
  const owner = previous?.ownerPid;
  if (owner === undefined || isAlive(owner)) {
    throw new NodeStartError(
      `A Cassandra node is already running in ${directory} (pid ${pid}): stop it first ` +
        `(npm run cassandra -- stop --dir ${directory}).`,
    );
  }
  log(`Stopping the Cassandra node (pid ${pid}) that process ${owner} left running in ${directory} when it died`);
  // SIGTERM runs Cassandra's own shutdown; nothing acknowledged is lost either way (the commit log syncs each write).
  signalGroup(pid, 'SIGTERM');
  for (const deadline = Date.now() + 30_000; running() && Date.now() < deadline;) await sleep(100);
  signalGroup(pid, 'SIGKILL');
  while (running()) await sleep(100);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
