/**
 * npm run bench:replay [-- --sizes 10000,100000,1000000 --dir .data/bench-replay --fresh --no-browser --masked
 *                         --budget 5m --out docs/bench/replay.json]
 *
 * The replay at scale: a "production" node holds one keyspace per size (synthetic entries over a year of days); each
 * is snapshotted (physical) and replayed with `npm run replay -- --snapshot`, which restores it into a node of its own
 * and runs both suites. Printed per size: time, peak resident memory of every process the replay starts (the
 * orchestrator, the Cassandra node it restores into, the API under test, vitest, Playwright, Chromium), and what was
 * covered (--budget is the replay's own: it stops taking new work then and says how far it got). The entries are
 * synthetic and replayed --unmasked unless --masked (a random key) is given. Production's data stays in --dir between
 * runs; --fresh starts over. --out FILE also writes the figures as JSON (docs/bench/replay.json is what
 * `npm run bench:charts` draws).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CassandraNode } from '@guestbook/cassandra';
import { REPO_ROOT } from '../repo/paths.js';
import { writeSyntheticEntriesFast } from '../seed/entries-as-sstables.js';
import { applyGuestbookSchema } from '../seed/synthetic-entries.js';
import { endpointOf } from '../snapshot/cql-client.js';
import { takeSnapshot } from '../snapshot/index.js';
import { watchProcessTree } from './process-tree-watch.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    dir: { type: 'string', default: '.data/bench-replay' },
    fresh: { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    masked: { type: 'boolean', default: false },
    budget: { type: 'string' },
    out: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const home = resolve(process.env.INIT_CWD ?? process.cwd(), values.dir);
const log = (line: string) => console.error(line);
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

if (values.fresh) await rm(home, { recursive: true, force: true });
await mkdir(home, { recursive: true });
const production = await CassandraNode.start({
  directory: join(home, 'production'),
  clusterName: 'bench-production',
  log,
});
process.once('SIGINT', () => void production.stop().then(() => process.exit(130)));

interface Row {
  size: number;
  seconds: number;
  exitCode: number | null;
  peakTotal: number;
  peaks: Map<string, number>;
  coverage: string[];
}

const rows: Row[] = [];
try {
  for (const size of sizes) {
    const keyspace = `entries_${size}`;
    await ensureLoaded(size, keyspace);
    const taken = await takeSnapshot({
      kind: 'physical',
      keyspace,
      root: join(home, 'artifacts'),
      nodes: [production],
    });
    rows.push(await replayOnce(size, taken.directory));
    await rm(taken.directory, { recursive: true, force: true });
  }
} finally {
  await production.stop();
}

console.log('\n| entries | replay s | exit | peak RSS MiB (all) | orchestrator | vitest | chromium | covered |');
console.log('|--:|--:|--:|--:|--:|--:|--:|--|');
for (const row of rows) {
  const peak = (name: string) => mib([...row.peaks].filter(([n]) => n.startsWith(name)).reduce((s, [, b]) => s + b, 0));
  const cells = [row.size.toLocaleString('en-US'), row.seconds.toFixed(1), String(row.exitCode), mib(row.peakTotal)];
  cells.push(peak('replay (main)'), peak('node'), peak('chrom'), row.coverage.join('; '));
  console.log(`| ${cells.join(' | ')} |`);
}
const [first, last] = [rows[0], rows.at(-1)];
if (first && last && first !== last) {
  console.log(
    `\nRSS(${last.size}) / RSS(${first.size}), all replay processes: ${(last.peakTotal / first.peakTotal).toFixed(2)}`,
  );
}
const load = loadavg().map((l) => l.toFixed(1));
console.log(`${cpus().length} cores, load average 1/5/15 min: ${load.join(' / ')}`);
if (values.out) await writeFigures(resolve(process.env.INIT_CWD ?? process.cwd(), values.out), load);

async function writeFigures(file: string, load: string[]): Promise<void> {
  const mibOf = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const figures = rows.map((row) => ({
    entries: row.size,
    seconds: Math.round(row.seconds * 10) / 10,
    exitCode: row.exitCode,
    peakRssMib: mibOf(row.peakTotal),
    peakRssMibByProcess: Object.fromEntries([...row.peaks].map(([name, bytes]) => [name, mibOf(bytes)])),
    coverage: row.coverage,
  }));
  const result = { measuredAt: new Date().toISOString(), cores: cpus().length, loadAverage: load, rows: figures };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`Wrote ${file}`);
}

async function replayOnce(size: number, artifact: string): Promise<Row> {
  const began = performance.now();
  const args = ['--import', 'tsx', join(REPO_ROOT, 'ci', 'replay', 'cli.ts'), '--snapshot', artifact];
  if (values['no-browser']) args.push('--no-browser');
  if (values.budget) args.push('--budget', values.budget);
  // The entries are synthetic, so replaying them unmasked leaks nobody's text; --masked measures the masked copy too.
  const env = { ...process.env, MASKING_KEY: values.masked ? randomBytes(32).toString('hex') : undefined };
  if (!values.masked) args.push('--unmasked');
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const watch = watchProcessTree(child.pid!, { sampleMs: 250, rootName: 'replay (main)' });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  const { peakRssByName: peaks, peakRssBytes: peakTotal } = watch.stop();
  const text = output.join('');
  const coverage = text
    .split('\n')
    .filter((line) => /^\s+(listed|read by id)|^Browser suite/.test(line))
    .map((l) => l.trim());
  log(text);
  return { size, seconds: (performance.now() - began) / 1000, exitCode, peakTotal, peaks, coverage };
}

async function ensureLoaded(size: number, keyspace: string): Promise<void> {
  const marker = join(home, `${keyspace}.loaded`);
  if (
    await readFile(marker, 'utf8').then(
      () => true,
      () => false,
    )
  )
    return;
  log(`Loading ${size} entries into ${keyspace}`);
  await applyGuestbookSchema(endpointOf(production), keyspace);
  await writeSyntheticEntriesFast(production, keyspace, { from: 0, to: size }, log);
  await writeFile(marker, new Date().toISOString());
}
