import { cpus, loadavg } from 'node:os';
import type { ClusterLoad, CqlLoadRate } from './cluster-source.js';
import { describeCase, type ClusterCaseResult } from './snapshot-cluster-cases.js';
import type { RunResult } from './snapshot-bench-run.js';

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mib = (bytes: number) => String(Math.round(bytes / 1024 / 1024));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};
const peak = (runs: RunResult[], label: string) => Math.max(...runs.map((r) => r.peakRssBytes[label] ?? 0));

interface ClusterReport {
  results: ClusterCaseResult[];
  sizes: number[];
  nodes: number;
  loads: ClusterLoad[];
  cqlRate: CqlLoadRate | undefined;
}

/** One Markdown row per size and case (medians), then the target, the load figures and the machine's load. */
export function printClusterReport({ results, sizes, nodes, loads, cqlRate }: ClusterReport): void {
  console.log(
    '\n| entries | case | n | take s | restore s | total s (median) | cut → restored s | cut skew s | artifact MiB | peak RSS per source node MiB | peak RSS copy MiB |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  const totals = new Map<string, number>();
  const labels = [...new Set(results.map(describeCase))];
  for (const size of sizes) {
    for (const label of labels) {
      const same = results.filter((r) => describeCase(r) === label);
      const runs = same.flatMap((r) => (r.result?.entries === size ? [r.result] : []));
      const count = size.toLocaleString('en-US');
      if (runs.length === 0) {
        console.log(`| ${count} | ${label} | 0 | missing: ${same[0]?.missing ?? 'no run'} | | | | | | | |`);
        continue;
      }
      const m = (f: (r: RunResult) => number) => median(runs.map(f));
      totals.set(
        `${label}:${size}`,
        m((r) => r.totalMs),
      );
      const sourceLabels = Object.keys(runs[0]!.peakRssBytes).filter((l) => l.startsWith('source'));
      const skews = runs.flatMap((r) => (r.cutSkewMs === undefined ? [] : [r.cutSkewMs]));
      console.log(
        `| ${count} | ${label} | ${runs.length} | ${seconds(m((r) => r.takeMs))} | ${seconds(m((r) => r.restoreMs))} | ` +
          `${seconds(m((r) => r.totalMs))} | ${seconds(m((r) => r.restoredStalenessMs))} | ` +
          `${skews.length ? seconds(median(skews)) : 'n/a'} | ${mib(runs[0]!.artifactBytes)} | ` +
          `${sourceLabels.map((l) => mib(peak(runs, l))).join(' / ')} | ${'copy' in runs[0]!.peakRssBytes ? mib(peak(runs, 'copy')) : 'n/a'} |`,
      );
    }
  }
  console.log(
    `\n${cpus().length} cores, load average over the last 1/5/15 min: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  for (const size of sizes) {
    const single = totals.get(`physical single node → 1-node copy:${size}`);
    const cluster = totals.get(`physical cluster → 1-node copy:${size}`);
    if (single === undefined || cluster === undefined) continue;
    console.log(
      `physical take + restore into a 1-node copy at ${size}: ${nodes}-node cluster ${seconds(cluster)} s, ` +
        `single node ${seconds(single)} s: ${(cluster / single).toFixed(2)}x (target <= 3x)`,
    );
  }
  for (const load of loads)
    console.log(
      `${load.keyspace} loaded into the cluster from SSTables (snapshot + import on each node): ${seconds(load.ms)} s`,
    );
  if (cqlRate) {
    const { entries, concurrency } = cqlRate;
    const describe = (run: CqlLoadRate['cluster']) =>
      run.error
        ? `failed after ${seconds(run.ms)} s (${run.error.split('\n')[0]})`
        : `${seconds(run.ms)} s (${Math.round(entries / (run.ms / 1000))}/s)`;
    console.log(
      `CQL load of ${entries} entries, ${concurrency} in flight: single node ${describe(cqlRate.singleNode)}, ` +
        `${nodes}-node cluster with ${nodes} replicas ${describe(cqlRate.cluster)}`,
    );
    const largest = sizes[sizes.length - 1]!;
    if (!cqlRate.cluster.error)
      console.log(
        `  ${largest} entries into the cluster over CQL at that rate: ~${Math.round((largest / entries) * (cqlRate.cluster.ms / 60_000))} min`,
      );
  }
}
