import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Null bytes separate a command line's arguments in /proc; a zombie's is empty. */
function commandLine(pid: number | string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

export function isCassandraProcess(pid: number): boolean {
  return commandLine(pid).includes('CassandraDaemon');
}

/** Cassandra JVMs whose command line names a path under `directory` (their data, conf and logs live there). */
export function cassandraJvmsUnder(directory: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      const line = commandLine(pid);
      return line.includes('CassandraDaemon') && line.includes(directory);
    })
    .map(Number);
}

export async function waitUntilDead(pid: number): Promise<void> {
  while (isAlive(pid)) await sleep(100);
}
