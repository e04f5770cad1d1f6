import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleRss, startLocalStack, type LocalStack } from './support/local-stack.js';
import { mib, ms, table } from './support/table.js';
import { findAcknowledged, percentile, startTraffic, type Outcome } from './support/traffic.js';

const HELP = `npm run bench:load -- [--concurrency N] [--duration SECONDS] [--sign-share 0.5] [--url URL]

N visitors at once for the given time, half signing and half reading by default, against a local stack it starts (a
Cassandra node and the built API in its own process) or against --url. Then every acknowledged entry is looked for.
Prints requests, errors, p50/p99 and acknowledged-vs-found; exits 1 if any request failed or any entry was lost.`;

const { values: args } = parseArgs({
  options: {
    concurrency: { type: 'string', short: 'c', default: '100' },
    duration: { type: 'string', short: 'd', default: '60' },
    'sign-share': { type: 'string', default: '0.5' },
    url: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const concurrency = Number(args.concurrency);
const seconds = Number(args.duration);
const signers = Math.round(concurrency * Number(args['sign-share']));
const readers = concurrency - signers;

let stack: LocalStack | undefined;
if (!args.url) stack = await startLocalStack({ keyspace: 'load', log: (line) => console.log(line) });
const url = args.url ?? stack!.url;
const apiRss = stack ? sampleRss(stack.apiPid) : undefined;
const cassandraRss = stack ? sampleRss(stack.node.pid) : undefined;

try {
  console.log(`\n${concurrency} visitors (${signers} signing, ${readers} reading) for ${seconds} s against ${url}`);
  const began = performance.now();
  const traffic = startTraffic(url, { signers, readers, timeoutMs: 10_000 });
  for (let elapsed = 0; elapsed < seconds; elapsed += 10) {
    await sleep(Math.min(10, seconds - elapsed) * 1000);
    const failed = traffic.outcomes.filter(isError).length;
    console.log(
      `  ${Math.min(elapsed + 10, seconds)} s: ${traffic.outcomes.length} requests, ${failed} errors, ${traffic.acked.length} acknowledged`,
    );
  }
  await traffic.stop();
  const wall = (performance.now() - began) / 1000;
  console.log('Looking for every acknowledged entry, by id and in the list...');
  const found = await findAcknowledged(url, traffic.acked, 32);

  const row = (kind: string, outcomes: Outcome[]) => {
    const latencies = outcomes.map((outcome) => outcome.ms);
    return [
      kind,
      outcomes.length,
      (outcomes.length / wall).toFixed(0),
      outcomes.filter(isError).length,
      ms(percentile(latencies, 50)),
      ms(percentile(latencies, 99)),
      ms(Math.max(...latencies)),
    ];
  };
  const all = traffic.outcomes;
  const lost = traffic.acked.length - found.exact;
  const errorCounts = new Map<string, number>();
  for (const outcome of all.filter(isError)) {
    const key = `${outcome.kind} ${outcome.status}${outcome.errorCode ? ` ${outcome.errorCode}` : ''}`;
    errorCounts.set(key, (errorCounts.get(key) ?? 0) + 1);
  }
  const errorsByStatus = [...errorCounts].map(([k, n]) => `${k}: ${n}`);
  console.log(
    `\nLoad: ${concurrency} visitors (${signers} signing, ${readers} reading), ${seconds} s; ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the end\n`,
  );
  console.log(
    table(
      ['requests', 'count', 'req/s', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
      [
        row(
          'sign (POST)',
          all.filter((outcome) => outcome.kind === 'sign'),
        ),
        row(
          'list (first page)',
          all.filter((outcome) => outcome.kind === 'list'),
        ),
        row(
          'read (by id)',
          all.filter((outcome) => outcome.kind === 'read'),
        ),
        row('all', all),
      ],
    ),
  );
  console.log(
    `\n${table(
      ['entries', 'count'],
      [
        ['acknowledged (201)', traffic.acked.length],
        ['found by id, exactly as signed', found.exact],
        ['found in the list', found.inList],
        ['lost', lost],
        ['reads that came back different', all.filter((outcome) => outcome.exact === false).length],
      ],
    )}`,
  );
  if (apiRss && cassandraRss)
    console.log(
      `\nResident memory, peak during the run: API ${mib(apiRss.peak())}, Cassandra JVM ${mib(cassandraRss.peak())}`,
    );
  if (errorsByStatus.length) console.log(`Errors: ${errorsByStatus.join(', ')}`);
  process.exitCode = errorsByStatus.length === 0 && lost === 0 && found.inList === traffic.acked.length ? 0 : 1;
} finally {
  apiRss?.stop();
  cassandraRss?.stop();
  await stack?.stop();
}

function isError(outcome: Outcome): boolean {
  return typeof outcome.status !== 'number' || outcome.status >= 400;
}
