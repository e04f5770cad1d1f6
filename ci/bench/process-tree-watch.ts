import { readFile } from 'node:fs/promises';
import pidtree from 'pidtree';
import pidusage from 'pidusage';

export interface ProcessTreeFigures {
  /** Highest total resident memory of the root and all its descendants at one sample. */
  peakRssBytes: number;
  /** Highest resident memory per command name (summed over the processes of that name at one sample). */
  peakRssByName: Map<string, number>;
  /** CPU time (user + system) of every process seen, as last sampled: against wall time, how much was waiting. */
  cpuMs: number;
}

/** Command name of a process (Linux); the root is named by the caller, since every Node process is just "node". */
async function commandName(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim();
}

/**
 * Samples a process tree every `sampleMs` until stopped. A tool that forks workers (cqlsh COPY) or starts a JVM (the
 * SSTable writer, Playwright's Chromium) is measured with them.
 */
export function watchProcessTree(root: number, options: { sampleMs?: number; rootName?: string } = {}) {
  const figures: ProcessTreeFigures = { peakRssBytes: 0, peakRssByName: new Map(), cpuMs: 0 };
  const cpuByPid = new Map<number, number>();
  let sampling = false;
  const sample = async () => {
    if (sampling) return;
    sampling = true;
    try {
      const pids = await pidtree(root, { root: true });
      const usage = await pidusage(pids);
      const byName = new Map<string, number>();
      let total = 0;
      for (const [key, u] of Object.entries(usage)) {
        if (!u) continue;
        const pid = Number(key);
        const name = pid === root ? (options.rootName ?? (await commandName(pid))) : await commandName(pid);
        byName.set(name, (byName.get(name) ?? 0) + u.memory);
        total += u.memory;
        cpuByPid.set(pid, u.ctime);
      }
      figures.peakRssBytes = Math.max(figures.peakRssBytes, total);
      for (const [name, bytes] of byName)
        figures.peakRssByName.set(name, Math.max(figures.peakRssByName.get(name) ?? 0, bytes));
    } catch {
      // A process ended between listing and reading it: the next sample sees the tree as it is then.
    } finally {
      sampling = false;
    }
  };
  const timer = setInterval(() => void sample(), options.sampleMs ?? 200);
  return {
    stop(): ProcessTreeFigures {
      clearInterval(timer);
      pidusage.clear();
      figures.cpuMs = [...cpuByPid.values()].reduce((sum, ms) => sum + ms, 0);
      return figures;
    },
  };
}
