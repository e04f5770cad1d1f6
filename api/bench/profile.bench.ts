import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { EntriesRepository } from '../src/entries/entries.repository.js';
import { summarise, type CpuProfile, type Frame, type ProfileSummary } from './support/cpu-profile-summary.js';
import { fromWhereRun } from './support/from-where-run.js';
import { startLocalStack } from './support/local-stack.js';
import { measureHttp, type Figures } from './support/measure.js';
import { seedEntries } from './support/seed.js';
import { ms, table } from './support/table.js';

const HELP = `npm run bench:profile -- [--paths list,sign] [--connections 100] [--seconds 20] [--entries 2000]
                             [--top 15] [--dir api/.profiles] [--out FILE]

For each path, starts a Cassandra node and the built API under \`node --cpu-prof\` (production's log level), seeds
--entries entries, loads the path with autocannon for --seconds at --connections, stops the API (which writes the
profile) and prints where its CPU went: self time per function, time per package anywhere on the stack, time in the
API's own functions. The .cpuprofile files stay in --dir (open them in Chromium's DevTools, Performance panel).
--out writes the summaries as JSON.`;

const { values: args } = parseArgs({
  options: {
    paths: { type: 'string', default: 'list,sign' },
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    entries: { type: 'string', default: '2000' },
    top: { type: 'string', default: '15' },
    dir: { type: 'string', default: '.profiles' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const sample = JSON.stringify({ name: 'Zoë 🦄', message: 'Grüße aus Köln!\nSchöner Abend.' });
const LOADS: Record<string, { path: string; method?: 'POST'; headers?: Record<string, string>; body?: string }> = {
  list: { path: '/api/entries' },
  sign: { path: '/api/entries', method: 'POST', headers: { 'content-type': 'application/json' }, body: sample },
};
const shape = { connections: Number(args.connections), seconds: Number(args.seconds) };
const results: Record<string, { figures: Figures; profile: string; summary: ProfileSummary }> = {};

for (const name of args.paths.split(',')) {
  const load = LOADS[name];
  if (!load) throw new Error(`--paths: unknown path ${name} (known: ${Object.keys(LOADS).join(', ')})`);
  const dir = resolve(args.dir, `${name}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  const stack = await startLocalStack({ keyspace: 'profile', nodeArgs, log: console.log });
  let figures: Figures;
  try {
    const client = new cassandra.Client({
      contactPoints: [stack.node.contactPoint],
      localDataCenter: 'datacenter1',
      keyspace: stack.keyspace,
    });
    await seedEntries(new EntriesRepository(client), { entries: Number(args.entries), days: 30 });
    await client.shutdown();
    console.log(`Profiling ${name}: ${shape.connections} connections for ${shape.seconds} s...`);
    figures = await measureHttp({ url: `${stack.url}${load.path}`, ...load, ...shape });
  } finally {
    await stack.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`The API wrote no profile into ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  results[name] = { figures, profile: join(dir, file), summary: summarise(profile, Number(args.top)) };
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
for (const [name, { figures, profile, summary }] of Object.entries(results)) {
  console.log(
    `\n## ${name}: ${figures.perSecond.toFixed(0)} req/s, p50 ${ms(figures.p50)} ms, ` +
      `p99 ${ms(figures.p99)} ms, ` +
      `${(summary.busyMs / 1000).toFixed(1)} s sampled outside idle (${profile})\n`,
  );
  const rows = (frames: Frame[]) => frames.map((f) => [f.name, percent(f.share)]);
  console.log(table(['self time, by function', 'share'], rows(summary.selfByFunction)));
  const packageTitle = 'self time by package (Node and native code charged to their caller)';
  console.log(`\n${table([packageTitle, 'share'], rows(summary.selfByPackage))}`);
  console.log(
    `\n${table(["anywhere on the stack, the API's own functions", 'share'], rows(summary.inclusiveOwnCode))}`,
  );
}
if (args.out) {
  writeFileSync(fromWhereRun(args.out), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nSummaries written to ${args.out}`);
}
