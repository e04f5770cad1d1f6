// `npm run bench:web`: the page's JS size (gzip) and, with a large keyspace, the time from navigation to the first
// entries visible in Chromium, cold and warm. Prints figures; asserts nothing. BENCH_ENTRIES / BENCH_RUNS adjust it.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startServer } from '@guestbook/api';
import { CassandraNode } from '@guestbook/cassandra';
import { buildAndMeasure, SCRIPT_TARGET_BYTES, SERVED_GZIP_LEVELS } from './web-bundle-size.js';
import { firstEntriesTimings, type Timing } from './web-first-entries.js';
import { seedEntries } from './web-seed.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KEYSPACE = 'bench_web';

const kB = (bytes: number) => `${bytes.toLocaleString('en')} bytes (${(bytes / 1000).toFixed(1)} kB)`;
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : '-');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const chunks = buildAndMeasure();
console.log(`\nJS chunks, gzipped as each server sends them (gzip levels ${JSON.stringify(SERVED_GZIP_LEVELS)}):`);
console.table(chunks.map(({ file, bytes, gzipBytes }) =>
  ({ file, raw: kB(bytes), 'API gzip': kB(gzipBytes.api), 'nginx gzip': kB(gzipBytes.nginx) })));
for (const server of ['api', 'nginx'] as const) {
  const total = chunks.reduce((sum, c) => sum + c.gzipBytes[server], 0);
  const verdict = total <= SCRIPT_TARGET_BYTES ? 'met' : 'NOT met';
  console.log(`Total JS as ${server} sends it: ${kB(total)}; target ≤ ${kB(SCRIPT_TARGET_BYTES)}: ${verdict}`);
}
console.log();

const dir = mkdtempSync(join(tmpdir(), 'guestbook-bench-web-'));
const node = await CassandraNode.start({ directory: join(dir, 'node'), clusterName: 'bench', log: console.log });
const api = await startServer({
  PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', CASSANDRA_CONTACT_POINTS: node.contactPoint, CASSANDRA_KEYSPACE: KEYSPACE,
  CASSANDRA_REQUEST_TIMEOUT_MS: '10000',
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  console.log(`Seeding ${ENTRIES.toLocaleString('en')} entries over ${DAYS} days...`);
  const seedMs = await seedEntries(node.contactPoint, KEYSPACE, ENTRIES, DAYS);
  console.log(`Seeded in ${(seedMs / 1000).toFixed(1)} s (${Math.round(ENTRIES / (seedMs / 1000))} entries/s)\n`);

  const timings: Timing[] = await firstEntriesTimings(browser, api.url, RUNS);
  console.log(`Navigation → first entry visible, ${api.url}, ${ENTRIES.toLocaleString('en')} entries, ${RUNS} runs ` +
    `(load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  console.table(timings.map((t) => ({
    run: t.run, 'first entry (in page)': ms(t.firstEntryMs), 'first entry (wall clock)': ms(t.wallMs),
    'document received': ms(t.documentMs), 'script received': ms(t.scriptMs), 'GET /api/entries (duration)': ms(t.apiMs),
  })));
  for (const kind of ['cold', 'warm']) {
    const runs = timings.filter((t) => t.run.startsWith(kind));
    console.log(`${kind}: median ${ms(median(runs.map((t) => t.firstEntryMs)))} in page, ` +
      `${ms(median(runs.map((t) => t.wallMs)))} wall clock; worst ${ms(Math.max(...runs.map((t) => t.wallMs)))} (target ≤ 1000 ms)`);
  }
} finally {
  await browser.close();
  await api.close();
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
}
