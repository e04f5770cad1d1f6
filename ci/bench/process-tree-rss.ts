import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory of a process and of each of its descendants, by command name, from /proc (Linux). */
function treeRss(root: number): Map<string, number> {
  const children = new Map<number, number[]>();
  const info = new Map<number, { name: string; rssKib: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const field = (key: string) => new RegExp(`^${key}:\\s+(.+)$`, 'm').exec(status)?.[1] ?? '';
      const parent = Number(field('PPid'));
      info.set(pid, { name: field('Name'), rssKib: Number.parseInt(field('VmRSS'), 10) || 0 });
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // gone while reading
    }
  }
  const byName = new Map<string, number>();
  const visit = (pid: number, depth: number) => {
    const process = info.get(pid);
    if (process) {
      const name = depth === 0 ? 'replay (main)' : process.name;
      byName.set(name, (byName.get(name) ?? 0) + process.rssKib * 1024);
    }
    for (const child of children.get(pid) ?? []) visit(child, depth + 1);
  };
  visit(root, 0);
  return byName;
}

/** Samples a process tree every `everyMs` until stopped; the peak per command name and of the whole tree. */
export function watchPeakRss(root: number, everyMs = 250) {
  const peaks = new Map<string, number>();
  let peakTotal = 0;
  const timer = setInterval(() => {
    let total = 0;
    for (const [name, bytes] of treeRss(root)) {
      peaks.set(name, Math.max(peaks.get(name) ?? 0, bytes));
      total += bytes;
    }
    peakTotal = Math.max(peakTotal, total);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peaks, peakTotal };
    },
  };
}
