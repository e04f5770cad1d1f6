// `npm run bench:web`: the page's JS and CSS as the API serves them (gzip and br), and, with a large keyspace, the time
// from navigation to the first entries visible in Chromium, cold and warm, and Lighthouse's audit. Prints figures;
// asserts nothing. BENCH_ENTRIES / BENCH_RUNS adjust it; BENCH_OUT=file writes the figures as JSON (for the charts);
// BENCH_LIGHTHOUSE=0 skips the audit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startServer } from '@guestbook/api';
import { CassandraNode } from '@guestbook/cassandra';
import { buildPage, measureServed, type ServedSize } from './web-bundle-size.js';
import { firstEntriesTimings, type Timing } from './web-first-entries.js';
import { runLighthouse, type LighthouseResult } from './web-lighthouse.js';
import { seedEntries } from './web-seed.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const KEYSPACE = 'bench_web';

const kb = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1000).toFixed(1)} kB`);
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : '-');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

buildPage();

const dir = mkdtempSync(join(tmpdir(), 'guestbook-bench-web-'));
const node = await CassandraNode.start({ directory: join(dir, 'node'), clusterName: 'bench', log: console.log });
const api = await startServer({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  CASSANDRA_CONTACT_POINTS: node.contactPoint,
  CASSANDRA_KEYSPACE: KEYSPACE,
  CASSANDRA_REQUEST_TIMEOUT_MS: '10000',
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const served = await measureServed(api.url);
  console.log("\nThe page's files as the API sends them (body bytes on the wire; kB = 1,000 bytes):");
  console.table(served.map((f) => ({ file: f.file, raw: kb(f.bytes), gzip: kb(f.gzip), br: kb(f.br) })));
  const js = served.filter((f) => f.file.endsWith('.js'));
  const total = (bytes: (f: ServedSize) => number | undefined) => js.reduce((sum, f) => sum + (bytes(f) ?? f.bytes), 0);
  const script = { gzip: total((f) => f.gzip), br: total((f) => f.br) };
  console.log(`Script as served: ${script.gzip} bytes gzip (target ≤ 70,000), ${script.br} bytes br\n`);

  console.log(`Seeding ${ENTRIES.toLocaleString('en')} entries over ${DAYS} days...`);
  const seedMs = await seedEntries(node.contactPoint, KEYSPACE, ENTRIES, DAYS);
  console.log(`Seeded in ${(seedMs / 1000).toFixed(1)} s (${Math.round(ENTRIES / (seedMs / 1000))} entries/s)\n`);

  const timings: Timing[] = await firstEntriesTimings(browser, api.url, RUNS);
  console.log(
    `Navigation → first entry visible, ${api.url}, ${ENTRIES.toLocaleString('en')} entries, ${RUNS} runs ` +
      `(load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}):`,
  );
  console.table(
    timings.map((t) => ({
      run: t.run,
      'first entry (in page)': ms(t.firstEntryMs),
      'first entry (wall clock)': ms(t.wallMs),
      'document received': ms(t.documentMs),
      'script received': ms(t.scriptMs),
      'GET /api/entries (duration)': ms(t.apiMs),
    })),
  );
  const summary: Record<string, { median: number; worst: number; medianWall: number; worstWall: number }> = {};
  for (const kind of ['cold', 'warm']) {
    const runs = timings.filter((t) => t.run.startsWith(kind));
    const inPage = runs.map((t) => t.firstEntryMs);
    const wall = runs.map((t) => t.wallMs);
    const worst = Math.max(...inPage);
    summary[kind] = { median: median(inPage), worst, medianWall: median(wall), worstWall: Math.max(...wall) };
    console.log(
      `${kind}: median ${ms(median(inPage))} in page, ${ms(median(wall))} wall clock; ` +
        `worst ${ms(Math.max(...inPage))} in page, ${ms(Math.max(...wall))} wall clock (target ≤ 1000 ms)`,
    );
  }

  const lighthouse: Array<LighthouseResult | { preset: string; error: string }> = [];
  const run = { entries: ENTRIES, days: DAYS, runs: RUNS, seedSeconds: seedMs / 1000, loadAverage: loadavg()[0] };
  const write = () => {
    if (!process.env.BENCH_OUT) return;
    writeFileSync(
      process.env.BENCH_OUT,
      `${JSON.stringify({ ...run, served, script, ...summary, lighthouse }, null, 2)}\n`,
    );
    console.log(`Figures written to ${process.env.BENCH_OUT}`);
  };
  // Written before the audit too: the timings after a long seeding must survive a browser that fails to audit.
  write();
  if (process.env.BENCH_LIGHTHOUSE !== '0') {
    // The audit gets a Chromium of its own and the machine to itself: with this browser still open, audits hung.
    await browser.close();
    for (const preset of ['mobile', 'desktop'] as const) {
      try {
        lighthouse.push(await runLighthouse(api.url, preset));
      } catch (error) {
        lighthouse.push({ preset, error: (error as Error).message });
      }
    }
    console.log('\nLighthouse (scores 0–100; metrics in ms, layout shift unitless):');
    console.table(lighthouse.map((l) => ('error' in l ? l : { preset: l.preset, ...l.scores, ...l.metrics })));
    write();
  }
} finally {
  await browser.close();
  await api.close();
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
}
