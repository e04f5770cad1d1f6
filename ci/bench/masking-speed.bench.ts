/**
 * npm run bench:masking [-- --values 1000000 --repeat 3]
 *
 * Masks the names and messages of the snapshot benchmark's synthetic entries (the same seeded data a 1M-entry logical
 * take reads) and prints values per second and nanoseconds per value, beside the cost of the per-value HMAC seed.
 * CPU time is printed beside wall time: on a shared machine the wall clock mostly measures the neighbours. Each step
 * runs --repeat times, alternating, and the fastest run counts.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createMasker } from '../snapshot/masking/index.js';
import { KeyedRandom } from '../snapshot/masking/keyed-random.js';
import { syntheticEntry } from '../seed/synthetic-entries.js';

const { values: args } = parseArgs({
  options: { values: { type: 'string', default: '1000000' }, repeat: { type: 'string', default: '3' } },
});
const count = Number(args.values);

const values: string[] = [];
for (let i = 0; values.length < count; i++) {
  const entry = syntheticEntry(i);
  values.push(entry.name, entry.message);
}
values.length = count;
const utf8Bytes = values.reduce((sum, v) => sum + Buffer.byteLength(v), 0);

const masker = createMasker({ key: 'benchmark-key-not-secret' });
const random = new KeyedRandom(Buffer.alloc(32, 1));
const steps = {
  'HMAC-SHA256 seed of each value only': (value: string) => random.seed(value),
  'maskText (shape-v1), HMAC included': (value: string) => masker.maskText(value),
};
for (let i = 0; i < 50_000; i++) masker.maskText(values[i % values.length]!);

const best = new Map<string, { wallNs: number; cpuNs: number }>();
for (let round = 0; round < Number(args.repeat); round++) {
  for (const [label, run] of Object.entries(steps)) {
    const cpu = process.cpuUsage();
    const began = process.hrtime.bigint();
    for (const value of values) run(value);
    const wallNs = Number(process.hrtime.bigint() - began);
    const used = process.cpuUsage(cpu);
    const cpuNs = (used.user + used.system) * 1000;
    const previous = best.get(label);
    if (!previous || cpuNs < previous.cpuNs) best.set(label, { wallNs, cpuNs });
  }
}

console.log(
  `Values: names and messages of syntheticEntry(0..${Math.ceil(count / 2) - 1}), ` +
    `${(utf8Bytes / count).toFixed(1)} UTF-8 bytes on average; Node ${process.version}; ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores\n`,
);
console.log('| step | values | CPU time | values/s (CPU) | ns/value (CPU) | wall time | ns/value (wall) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [label, { wallNs, cpuNs }] of best) {
  console.log(
    `| ${label} | ${count.toLocaleString('en')} | ${(cpuNs / 1e9).toFixed(2)} s | ` +
      `${Math.round((count / cpuNs) * 1e9).toLocaleString('en')} | ${Math.round(cpuNs / count)} | ` +
      `${(wallNs / 1e9).toFixed(2)} s | ${Math.round(wallNs / count)} |`,
  );
}
