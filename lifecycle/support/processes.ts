import { readFileSync, readdirSync } from 'node:fs';

/** PIDs of processes whose command line contains every one of `parts` (read from /proc; a zombie's line is empty). */
export function processesMatching(...parts: string[]): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const line = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return parts.every((part) => line.includes(part));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The process group a process belongs to, from /proc/PID/stat (after the command name, which may hold spaces). */
export function processGroupOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

export function killGroups(pids: number[]): void {
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // not a group leader, or already gone
      }
    }
  }
}
