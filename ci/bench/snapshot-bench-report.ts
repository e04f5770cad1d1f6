import { cpus, loadavg } from 'node:os';
import type { RunResult } from './snapshot-bench-run.js';

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};

/** Median per size and kind; the physical targets checked against the figures. */
export function printReport(results: RunResult[], sizes: number[]): void {
  const rows: string[] = [];
  const summary = new Map<string, number>();
  for (const size of sizes) {
    for (const kind of ['physical', 'logical'] as const) {
      const runs = results.filter((r) => r.entries === size && r.kind === kind);
      if (runs.length === 0) continue;
      const m = (f: (r: RunResult) => number) => median(runs.map(f));
      summary.set(
        `${kind}:${size}`,
        m((r) => r.totalMs),
      );
      rows.push(
        `| ${size.toLocaleString('en-US').padStart(9)} | ${kind.padEnd(8)} | ${runs.length} | ${seconds(m((r) => r.takeMs)).padStart(7)} | ${seconds(m((r) => r.restoreMs)).padStart(7)} | ` +
          `${seconds(m((r) => r.totalMs)).padStart(7)} | ${seconds(Math.min(...runs.map((r) => r.totalMs))).padStart(6)} | ${seconds(m((r) => r.stalenessMs)).padStart(9)} | ` +
          `${mib(runs[0]!.artifactBytes).padStart(8)} | ${mib(runs[0]!.newDiskBytes).padStart(8)} | ${String(runs[0]!.rowsInManifest).padStart(9)} |`,
      );
    }
  }
  console.log(
    '\n| entries   | kind     | n | take s  | restore s | total s (median) | min s | staleness s | artifact MiB | new disk MiB | rows (entries_by_day) |',
  );
  console.log(
    '|-----------|----------|---|---------|-----------|------------------|-------|-------------|--------------|--------------|-----------------------|',
  );
  for (const row of rows) console.log(row);

  const [smallest, largest] = [sizes[0]!, sizes[sizes.length - 1]!];
  const physicalLargest = summary.get(`physical:${largest}`);
  const physicalSmallest = summary.get(`physical:${smallest}`);
  const logicalLargest = summary.get(`logical:${largest}`);
  // Other processes share this machine: the load says how much of the time was waiting for a core.
  console.log(
    `\n${cpus().length} cores, load average over the last 1/5/15 min: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  if (physicalLargest !== undefined)
    console.log(`physical take+restore at ${largest}: ${seconds(physicalLargest)} s (target at 1M: <= 5 s)`);
  if (physicalLargest !== undefined && physicalSmallest !== undefined) {
    console.log(
      `T(${largest})/T(${smallest}) physical: ${(physicalLargest / physicalSmallest).toFixed(2)} (target <= 3)`,
    );
  }
  if (physicalLargest !== undefined && logicalLargest !== undefined) {
    console.log(`logical/physical at ${largest}: ${(logicalLargest / physicalLargest).toFixed(1)}x (target >= 20x)`);
  }
}
