import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { CursorCodec } from '../src/entries/cursor.js';
import { EntriesRepository } from '../src/entries/entries.repository.js';
import { sampleRss, startLocalStack } from './support/local-stack.js';
import { measureDriver, measureHttp, recordCalls, type DriverCall, type Figures } from './support/measure.js';
import { mib, ms, table } from './support/table.js';

const HELP = `npm run bench:api -- [--entries 10000] [--days 100] [--deep-page 250] [--connections 10] [--seconds 10]

Starts a Cassandra node and the built API in its own process, seeds --entries entries over --days days, then measures
with autocannon: the first page of the list, a deep page (page --deep-page of 20), and signing. In the same run the
same CQL statements the API sends for each request are replayed with the bare cassandra-driver, so the API's overhead
reads as a ratio. Also prints the resident memory of the API process and of the Cassandra JVM.`;

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000' },
    days: { type: 'string', default: '100' },
    'deep-page': { type: 'string', default: '250' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const ENTRIES = Number(args.entries);
const DAYS = Number(args.days);
const DEEP_PAGE = Number(args['deep-page']);
const shape = { connections: Number(args.connections), seconds: Number(args.seconds) };
const CURSOR_SECRET = 'bench-cursor-secret-0123456789';

const stack = await startLocalStack({ keyspace: 'bench', env: { CURSOR_SECRET }, log: (line) => console.log(line) });
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
  const repository = new EntriesRepository(client);
  await seed(repository);
  const idle = { api: apiRss.now(), cassandra: cassandraRss.now() };

  // The cursor of page DEEP_PAGE, found the way a visitor would: following nextCursor from the first page.
  let deepCursor = '';
  for (let page = 1; page < DEEP_PAGE; page++) {
    const body = (await (await fetch(`${stack.url}/api/entries?limit=20${deepCursor ? `&cursor=${deepCursor}` : ''}`)).json()) as { nextCursor: string };
    deepCursor = encodeURIComponent(body.nextCursor);
  }
  const deepPosition = new CursorCodec(Buffer.from(CURSOR_SECRET)).decode(decodeURIComponent(deepCursor));
  const sample = { name: 'Zoë 🦄', message: 'Grüße aus Köln!\nSchöner Abend.' };

  const operations: Array<{ name: string; http: Parameters<typeof measureHttp>[0]; calls: DriverCall[] }> = [
    { name: 'list, first page (20)', http: { url: `${stack.url}/api/entries`, ...shape }, calls: await recordCalls(client, (c) => new EntriesRepository(c).page(20)) },
    { name: `list, page ${DEEP_PAGE} (entries ${(DEEP_PAGE - 1) * 20 + 1}–${DEEP_PAGE * 20})`, http: { url: `${stack.url}/api/entries?limit=20&cursor=${deepCursor}`, ...shape }, calls: await recordCalls(client, (c) => new EntriesRepository(c).page(20, deepPosition)) },
    {
      name: 'sign (POST)',
      http: { url: `${stack.url}/api/entries`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sample), ...shape },
      calls: await recordCalls(client, (c) => new EntriesRepository(c).insert(sample)),
    },
  ];

  // The floor: what Express, helmet and the middlewares cost on a route that never touches Cassandra.
  await measureHttp({ url: `${stack.url}/healthz`, ...shape, seconds: 2 });
  const floor = await measureHttp({ url: `${stack.url}/healthz`, ...shape });
  const rows: Array<Array<string | number>> = [['GET /healthz (no Cassandra)', floor.perSecond.toFixed(0), ms(floor.p50), ms(floor.p99), '–', '–', '–', '–', '–', floor.failures]];
  const peaks: string[] = [];
  for (const op of operations) {
    console.log(`Measuring ${op.name}: API, then the driver alone (${op.calls.length} statement${op.calls.length === 1 ? '' : 's'} per request)...`);
    await measureHttp({ ...op.http, seconds: 2 }); // warm-up: JIT, connection pools, prepared statements
    apiRss.reset();
    cassandraRss.reset();
    const api = await measureHttp(op.http);
    peaks.push(`${op.name}: API ${mib(apiRss.peak())}, Cassandra ${mib(cassandraRss.peak())}`);
    await measureDriver(client, op.calls, { ...shape, seconds: 2 });
    const driver = await measureDriver(client, op.calls, shape);
    rows.push(row(op.name, api, driver));
  }

  console.log(`\nAPI benchmark: ${ENTRIES} entries over ${DAYS} days, ${shape.connections} connections, ${shape.seconds} s per measurement; ` +
    `${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the end\n`);
  console.log(table(['operation', 'API req/s', 'API p50 ms', 'API p99 ms', 'driver req/s', 'driver p50 ms', 'driver p99 ms', 'API/driver p50', 'API/driver req/s', 'failed'], rows));
  console.log(`\n${table(['resident memory', 'API process', 'Cassandra JVM'], [
    ['idle, after seeding', mib(idle.api), mib(idle.cassandra)],
    ['peak under load', mib(apiRss.overall()), mib(cassandraRss.overall())],
  ].map((r) => r.map(String)))}`);
  console.log(`\nPeak per operation: ${peaks.join('; ')}`);
} finally {
  apiRss.stop();
  cassandraRss.stop();
  await client.shutdown();
  await stack.stop();
}

function row(name: string, api: Figures, driver: Figures): Array<string | number> {
  return [name, api.perSecond.toFixed(0), ms(api.p50), ms(api.p99), driver.perSecond.toFixed(0), ms(driver.p50), ms(driver.p99),
    `${(api.p50 / driver.p50).toFixed(1)}×`, `${(api.perSecond / driver.perSecond).toFixed(2)}`, api.failures + driver.failures];
}

/** ENTRIES entries spread evenly over the last DAYS days, written with the API's own repository, 32 at a time. */
async function seed(repository: EntriesRepository): Promise<void> {
  const began = performance.now();
  const now = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = next++; i < ENTRIES; i = next++) {
        const at = new Date(now - Math.floor((i / ENTRIES) * DAYS * 86_400_000) - 1000);
        await repository.insert({ name: `Visitor ${i} ✍️`, message: `Entry ${i}: Grüße, こんにちは, 🦄` }, at);
      }
    }),
  );
  console.log(`Seeded ${ENTRIES} entries over ${DAYS} days in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}
