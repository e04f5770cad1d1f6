import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * A tiny shell process that outlives this one only to kill the JVM's process group: it waits on a pipe from this
 * process and reads end of input when this process is gone, however it died (SIGKILL included, which no handler
 * sees). It runs in a session of its own and ignores the usual signals, so a terminal's Ctrl-C or hang-up does not
 * end it first.
 */
const SCRIPT = `trap '' INT TERM HUP; read -r _; kill -KILL -"$1" 2>/dev/null`;

export interface Watchdog {
  /** Lets the JVM be: it has exited, or it is meant to outlive this process. */
  release(): void;
}

export function watchProcessGroup(pgid: number): Watchdog {
  const watchdog = spawn('sh', ['-c', SCRIPT, 'guestbook-watchdog', String(pgid)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // Neither the process nor its pipe may keep this process alive.
  watchdog.unref();
  (watchdog.stdin as Socket).unref();
  watchdog.on('error', () => {});
  watchdog.stdin.on('error', () => {});
  // SIGKILL is delivered at once; closing the pipe instead would race with this process's own exit.
  return { release: () => void watchdog.kill('SIGKILL') };
}
