import { rm } from 'node:fs/promises';
import type { CassandraNode } from '@guestbook/cassandra';
import { takeSnapshot } from '../snapshot/index.js';

interface ProfileCostRun {
  profile: boolean;
  takeMs: number;
  /** CPU time of this process (the take's own work, the profile included), less sensitive to load than wall time. */
  cpuMs: number;
}

/**
 * Logical takes of the same keyspace with the drift profile off and on, alternated so that a change in the machine's
 * load falls on both. Takes only: the profile adds nothing to a restore.
 */
export async function measureProfileCost(options: {
  production: CassandraNode;
  root: string;
  keyspace: string;
  repeat: number;
}): Promise<ProfileCostRun[]> {
  const runs: ProfileCostRun[] = [];
  for (let i = 0; i < options.repeat; i++) {
    for (const profile of i % 2 === 0 ? [false, true] : [true, false]) {
      const cpu = process.cpuUsage();
      const began = performance.now();
      const taken = await takeSnapshot({
        kind: 'logical',
        keyspace: options.keyspace,
        root: options.root,
        nodes: [options.production],
        profile,
      });
      const takeMs = performance.now() - began;
      const used = process.cpuUsage(cpu);
      runs.push({ profile, takeMs, cpuMs: (used.user + used.system) / 1000 });
      await rm(taken.directory, { recursive: true, force: true });
    }
  }
  return runs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;

export function printProfileCost(size: number, runs: ProfileCostRun[]): void {
  const of = (profile: boolean, f: (r: ProfileCostRun) => number) =>
    median(runs.filter((r) => r.profile === profile).map(f));
  const row = (label: string, f: (r: ProfileCostRun) => number) => {
    const off = of(false, f);
    const on = of(true, f);
    const added = ((on / off - 1) * 100).toFixed(1);
    return `| ${size.toLocaleString('en-US').padStart(9)} | ${label.padEnd(14)} | ${(off / 1000).toFixed(2).padStart(8)} | ${(on / 1000).toFixed(2).padStart(8)} | ${`${added} %`.padStart(8)} |`;
  };
  console.log(
    [
      '',
      `Drift profile cost, logical take, median of ${runs.length / 2} runs each (alternated)`,
      '|   entries | measure        |  off (s) |   on (s) |    added |',
      '| --------- | -------------- | -------- | -------- | -------- |',
      row('take, wall', (r) => r.takeMs),
      row('take, CPU', (r) => r.cpuMs),
    ].join('\n'),
  );
}
