import { cpus, loadavg } from 'node:os';
import { rm } from 'node:fs/promises';
import type { CassandraNode } from '@guestbook/cassandra';
import { takeSnapshot } from '../snapshot/index.js';
import type { SnapshotMasking } from '../snapshot/masking/index.js';

export interface MaskingRun {
  entries: number;
  masked: boolean;
  wallMs: number;
  /** CPU time of this process (the take's scan, encoding and masking), user + system. */
  cpuMs: number;
  values: number;
}

// A fixed bench key: it masks synthetic entries only, and keeps runs comparable.
const BENCH_MASKING: SnapshotMasking = { key: 'bench-snapshot-masking-key-0001' };

/**
 * Logical takes of the same keyspace, unmasked and masked in turn (so that the machine's load drifts over both alike),
 * each timed in wall clock and in this process's CPU time; the artifacts are removed after each take.
 */
export async function runMaskingComparison(
  entries: number,
  options: { production: CassandraNode; keyspace: string; root: string; repeat: number; log: (l: string) => void },
): Promise<MaskingRun[]> {
  const runs: MaskingRun[] = [];
  for (let i = 0; i < options.repeat; i++) {
    for (const masked of [false, true]) {
      const cpu = process.cpuUsage();
      const began = performance.now();
      const taken = await takeSnapshot({
        kind: 'logical',
        keyspace: options.keyspace,
        root: options.root,
        nodes: [options.production],
        ...(masked ? { masking: BENCH_MASKING } : {}),
      });
      const wallMs = performance.now() - began;
      const used = process.cpuUsage(cpu);
      await rm(taken.directory, { recursive: true, force: true });
      const rows = taken.manifest.tables.find((t) => t.name === 'entries_by_id')?.rows.count ?? 0;
      // Name and message in entries_by_day and entries_by_id: four text values per entry.
      const run = { entries, masked, wallMs, cpuMs: (used.user + used.system) / 1000, values: rows * 4 };
      options.log(
        `logical take ${masked ? 'masked  ' : 'unmasked'} ${entries}: ${Math.round(wallMs)} ms wall, ${Math.round(run.cpuMs)} ms CPU`,
      );
      runs.push(run);
    }
  }
  return runs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const percent = (masked: number, plain: number) =>
  `${masked >= plain ? '+' : ''}${(((masked - plain) / plain) * 100).toFixed(1)} %`;

/** Medians per size: what masking adds to a logical take, in wall clock and in the taking process's CPU. */
export function printMaskingReport(runs: MaskingRun[], sizes: number[]): void {
  console.log(
    `\nLogical take, masked vs unmasked, same keyspace (median of each; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)\n`,
  );
  console.log(
    '| entries | runs each | unmasked wall s | masked wall s | added (wall) | unmasked CPU s | masked CPU s | added (CPU) | masking CPU per value |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of sizes) {
    const of = (masked: boolean) => runs.filter((r) => r.entries === size && r.masked === masked);
    const [plain, masked] = [of(false), of(true)];
    if (plain.length === 0 || masked.length === 0) continue;
    const wall = [median(plain.map((r) => r.wallMs)), median(masked.map((r) => r.wallMs))] as const;
    const cpu = [median(plain.map((r) => r.cpuMs)), median(masked.map((r) => r.cpuMs))] as const;
    const perValue = ((cpu[1] - cpu[0]) * 1000) / (masked[0]!.values || 1);
    console.log(
      `| ${size.toLocaleString('en-US')} | ${plain.length} | ${seconds(wall[0])} | ${seconds(wall[1])} | ${percent(wall[1], wall[0])} | ` +
        `${seconds(cpu[0])} | ${seconds(cpu[1])} | ${percent(cpu[1], cpu[0])} | ${perValue.toFixed(1)} µs |`,
    );
  }
}
