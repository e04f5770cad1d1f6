import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux); NaN when it is gone. */
function processSeconds(pid: number): number {
  try {
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU time of the whole machine so far, in seconds (every state but idle and iowait). */
function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SECOND;
}

/** Cores each named process kept busy while it ran, plus "others": the rest of the machine's busy time. */
export type CpuSplit = Record<string, number>;

/** Starts counting; `stop()` returns the cores used per process (and by everything else) since the start. */
export function startCpuSplit(pids: Record<string, number>): { stop(): CpuSplit } {
  const began = performance.now();
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processSeconds(pid)]));
  const busyBefore = machineBusySeconds();
  return {
    stop: () => {
      const wall = (performance.now() - began) / 1000;
      const split: CpuSplit = {};
      for (const [name, pid] of Object.entries(pids)) split[name] = (processSeconds(pid) - before[name]!) / wall;
      const ours = Object.values(split).reduce((sum, cores) => sum + cores, 0);
      split.others = Math.max(0, (machineBusySeconds() - busyBefore) / wall - ours);
      return split;
    },
  };
}

export const formatSplit = (split: CpuSplit) =>
  Object.entries(split)
    .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
    .join(', ');
