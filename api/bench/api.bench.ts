import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { CursorCodec } from '../src/entries/cursor.js';
import { EntriesRepository } from '../src/entries/entries.repository.js';
import {
  apiBenchTable,
  cpuPerRequestTable,
  cpuTable,
  type ApiBenchResult,
  type ApiBenchRow,
} from './support/api-bench-report.js';
import { startCpuSplit } from './support/cpu-split.js';
import { startFloor } from './support/floor-process.js';
import { fromWhereRun } from './support/from-where-run.js';
import { sampleRss, startLocalStack } from './support/local-stack.js';
import { seedEntries } from './support/seed.js';
import { measureDriver, measureHttp, recordCalls, type DriverCall } from './support/measure.js';
import { mib, table } from './support/table.js';

const HELP = `npm run bench:api -- [--entries 10000] [--days 100] [--deep-page 250] [--connections 10,100]
                         [--seconds 10] [--repeat 3] [--warm-up 30] [--out FILE]
       npm run bench:api -- --report FILE

Starts a Cassandra node and the built API in its own process, seeds --entries entries over --days days, then measures
with autocannon, at each number of --connections: the first page of the list, a deep page (page --deep-page of 20), and
signing. Each is measured three ways in the same run: the API; the floor, the same CQL and the same JSON behind a bare
node:http handler in a process of its own; and the bare cassandra-driver replaying the statements the API sends. Prints
req/s, p50, p99, the API's ratios to the floor, which process kept the CPUs busy, and resident memory. --out writes
the figures as JSON (what docs/images charts are drawn from); --report prints the tables of such a file again.

Fairness: Cassandra's read path runs interpreted until its JIT has seen load, so before anything is measured the
driver replays every operation's statements for --warm-up seconds. The API and the floor are then measured --repeat
times, taking turns at going first, and each side's run with the median requests/s is the one reported (every run's
requests/s is kept in the JSON).`;

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000' },
    days: { type: 'string', default: '100' },
    'deep-page': { type: 'string', default: '250' },
    connections: { type: 'string', default: '10,100' },
    seconds: { type: 'string', default: '10' },
    repeat: { type: 'string', default: '3' },
    'warm-up': { type: 'string', default: '30' },
    out: { type: 'string' },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
if (args.report) {
  const { rows } = JSON.parse(readFileSync(fromWhereRun(args.report), 'utf8')) as ApiBenchResult;
  console.log(`${apiBenchTable(rows)}\n\n${cpuTable(rows)}\n\n${cpuPerRequestTable(rows)}`);
  process.exit(0);
}
const ENTRIES = Number(args.entries);
const DAYS = Number(args.days);
const DEEP_PAGE = Number(args['deep-page']);
const CONNECTIONS = args.connections.split(',').map(Number);
function wholeNumber(name: 'seconds' | 'repeat' | 'warm-up', least: number): number {
  const value = Number(args[name]);
  if (Number.isInteger(value) && value >= least) return value;
  console.error(`--${name} must be a whole number of at least ${least}, not ${args[name]}`);
  process.exit(2);
}
const SECONDS = wholeNumber('seconds', 1);
const REPEAT = wholeNumber('repeat', 1);
const WARM_UP_SECONDS = wholeNumber('warm-up', 0);
const CURSOR_SECRET = 'bench-cursor-secret-0123456789';

/** The run whose requests/s is the median (the lower of the two middle ones for an even count). */
function medianRun<T extends { figures: { perSecond: number } }>(runs: T[]): T {
  const sorted = [...runs].sort((a, b) => a.figures.perSecond - b.figures.perSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const stack = await startLocalStack({ keyspace: 'bench', env: { CURSOR_SECRET }, log: (line) => console.log(line) });
const floor = await startFloor({
  contactPoint: stack.node.contactPoint,
  keyspace: stack.keyspace,
  cursorSecret: CURSOR_SECRET,
});
const client = new cassandra.Client({
  contactPoints: [stack.node.contactPoint],
  localDataCenter: 'datacenter1',
  keyspace: stack.keyspace,
  queryOptions: { consistency: cassandra.types.consistencies.localQuorum, prepare: true },
});
const apiRss = sampleRss(stack.apiPid);
const cassandraRss = sampleRss(stack.node.pid);

try {
  await client.connect();
  const seedSeconds = await seedEntries(new EntriesRepository(client), { entries: ENTRIES, days: DAYS });
  console.log(`Seeded ${ENTRIES} entries over ${DAYS} days in ${seedSeconds.toFixed(1)} s`);
  const idle = { api: apiRss.now(), cassandra: cassandraRss.now() };

  // The cursor of page DEEP_PAGE, found the way a visitor would: following nextCursor from the first page.
  let deepCursor = '';
  for (let page = 1; page < DEEP_PAGE; page++) {
    const url = `${stack.url}/api/entries?limit=20${deepCursor ? `&cursor=${deepCursor}` : ''}`;
    const body = (await (await fetch(url)).json()) as { nextCursor: string };
    deepCursor = encodeURIComponent(body.nextCursor);
  }
  const deepPosition = new CursorCodec(Buffer.from(CURSOR_SECRET)).decode(decodeURIComponent(deepCursor));
  const sample = { name: 'Zoë 🦄', message: 'Grüße aus Köln!\nSchöner Abend.' };
  const post = {
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sample),
  };

  const operations: Array<{ name: string; path: string; request?: typeof post; calls: DriverCall[] }> = [
    {
      name: 'list, first page (20)',
      path: '/api/entries',
      calls: await recordCalls(client, (c) => new EntriesRepository(c).page(20)),
    },
    {
      name: `list, page ${DEEP_PAGE} (entries ${(DEEP_PAGE - 1) * 20 + 1}–${DEEP_PAGE * 20})`,
      path: `/api/entries?limit=20&cursor=${deepCursor}`,
      calls: await recordCalls(client, (c) => new EntriesRepository(c).page(20, deepPosition)),
    },
    {
      name: 'sign (POST)',
      path: '/api/entries',
      request: post,
      calls: await recordCalls(client, (c) => new EntriesRepository(c).insert(sample)),
    },
  ];

  // Whoever is measured first would otherwise pay for Cassandra's warm-up (measured: a first run of the API at half the
  // requests/s of its second, on the same code and node).
  console.log(`Warming Cassandra up: every operation's statements through the driver for ${WARM_UP_SECONDS} s...`);
  for (const op of operations) {
    await measureDriver(client, op.calls, { connections: 10, seconds: WARM_UP_SECONDS / operations.length });
  }

  const rows: ApiBenchRow[] = [];
  const peaks: string[] = [];
  for (const connections of CONNECTIONS) {
    const shape = { connections, seconds: SECONDS };
    // What Express, helmet and the middlewares cost on a route that never touches Cassandra.
    await measureHttp({ url: `${stack.url}/healthz`, ...shape, seconds: 2 });
    const health = await measureHttp({ url: `${stack.url}/healthz`, ...shape });
    rows.push({ operation: 'GET /healthz (no Cassandra)', connections, api: health });
    for (const op of operations) {
      console.log(
        `${op.name}, ${connections} connections: the API, the node:http floor, the driver alone ` +
          `(${op.calls.length} statement(s) a request)...`,
      );
      const measure = async (url: string, pids: Record<string, number>) => {
        // Warm-up: JIT, connection pools, prepared statements.
        await measureHttp({ url: `${url}${op.path}`, ...op.request, ...shape, seconds: 2 });
        const cpu = startCpuSplit({ ...pids, cassandra: stack.node.pid, 'load generator': process.pid });
        const figures = await measureHttp({ url: `${url}${op.path}`, ...op.request, ...shape });
        return { figures, cpu: cpu.stop() };
      };
      apiRss.reset();
      cassandraRss.reset();
      const apiRuns: Array<Awaited<ReturnType<typeof measure>>> = [];
      const floorRuns: Array<Awaited<ReturnType<typeof measure>>> = [];
      for (let run = 0; run < REPEAT; run++) {
        const measureApi = async () => apiRuns.push(await measure(stack.url, { api: stack.apiPid }));
        const measureFloor = async () => floorRuns.push(await measure(floor.url, { floor: floor.pid }));
        // Taking turns at going first: whatever drifts during a row (compaction, the JIT) falls on both sides.
        if (run % 2 === 0) await measureApi().then(measureFloor);
        else await measureFloor().then(measureApi);
      }
      peaks.push(`${op.name} (${connections}): API ${mib(apiRss.peak())}, Cassandra ${mib(cassandraRss.peak())}`);
      const perSecond = (runs: typeof apiRuns) => runs.map((r) => Math.round(r.figures.perSecond));
      console.log(
        `  requests/s, run by run: API ${perSecond(apiRuns).join(' / ')}; floor ${perSecond(floorRuns).join(' / ')}`,
      );
      const api = medianRun(apiRuns);
      const floorRun = medianRun(floorRuns);
      await measureDriver(client, op.calls, { ...shape, seconds: 2 });
      const driver = await measureDriver(client, op.calls, shape);
      const cpu = { api: api.cpu, floor: floorRun.cpu };
      const runs = { api: perSecond(apiRuns), floor: perSecond(floorRuns) };
      rows.push({ operation: op.name, connections, api: api.figures, floor: floorRun.figures, driver, cpu, runs });
    }
  }

  const result: ApiBenchResult = {
    entries: ENTRIES,
    days: DAYS,
    seconds: SECONDS,
    repeat: REPEAT,
    warmUpSeconds: WARM_UP_SECONDS,
    node: process.version,
    cpus: availableParallelism(),
    loadAverage: loadavg()[0]!,
    seedSeconds,
    date: new Date().toISOString(),
    rows,
  };
  console.log(
    `\nAPI benchmark: ${ENTRIES} entries over ${DAYS} days, ${SECONDS} s per measurement, the median of ${REPEAT} ` +
      `runs per side after a ${WARM_UP_SECONDS} s warm-up; Node ${process.version}, ` +
      `${result.cpus} CPUs, load average ${result.loadAverage.toFixed(1)} at the end\n`,
  );
  console.log(apiBenchTable(rows));
  console.log(`\nCores kept busy during each measurement (2 = both CPUs of this machine):\n\n${cpuTable(rows)}`);
  console.log(`\nCPU per answered request (cores busy ÷ requests/s):\n\n${cpuPerRequestTable(rows)}`);
  console.log(
    `\n${table(
      ['resident memory', 'API process', 'Cassandra JVM'],
      [
        ['idle, after seeding', mib(idle.api), mib(idle.cassandra)],
        ['peak under load', mib(apiRss.overall()), mib(cassandraRss.overall())],
      ],
    )}`,
  );
  console.log(`\nPeak per operation: ${peaks.join('; ')}`);
  if (args.out) {
    writeFileSync(fromWhereRun(args.out), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nFigures written to ${args.out}`);
  }
} finally {
  apiRss.stop();
  cassandraRss.stop();
  await client.shutdown();
  await floor.stop();
  await stack.stop();
}
