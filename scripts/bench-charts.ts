// `npm run bench:charts`: draws docs/images/bench-*.svg from the figures the benchmarks wrote into docs/bench/
// (bench:api -- --out docs/bench/{quiet,fair}-api.json; BENCH_OUT=docs/bench/web-<entries>.json npm run bench:web;
// bench:replay -- --out docs/bench/replay.json).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { barChartSvg } from './charts/bar-chart.js';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'docs', 'bench');
const IMAGES = join(ROOT, 'docs', 'images');

type Figures = { perSecond: number; p50: number; p99: number };
type ApiRow = { operation: string; connections: number; api: Figures; floor?: Figures; driver?: Figures };
type ApiResult = { entries: number; rows: ApiRow[] };
type Times = { median: number; worst: number };
type WebResult = { entries: number; runs: number; cold: Times; warm: Times };
type ReplayRow = { entries: number; seconds: number; peakRssMib: number; peakRssMibByProcess: Record<string, number> };
type ReplayResult = { rows: ReplayRow[] };

const read = <T>(file: string): T | undefined =>
  existsSync(join(DATA, file)) ? (JSON.parse(readFileSync(join(DATA, file), 'utf8')) as T) : undefined;
const write = (file: string, svg: string) => {
  writeFileSync(join(IMAGES, file), svg);
  console.log(`wrote docs/images/${file}`);
};

// The API's runs on a quiet machine: one run per side with the API measured first, then the fair procedure (Cassandra
// warmed up, the sides taking turns, the median of three) on Node 20 and on Node 24. The loaded machine's runs (api-before/after.json) stay in
// docs/performance.md's tables: their noise would drown any bar.
const apiRuns = [
  { label: 'Node 20, one run each', result: read<ApiResult>('quiet-api.json') },
  { label: 'Node 20, median of 3', result: read<ApiResult>('fair-api.json') },
  { label: 'Node 24, median of 3', result: read<ApiResult>('fair-api-node24.json') },
].filter((run): run is { label: string; result: ApiResult } => run.result !== undefined);
const latest = apiRuns.at(-1)?.result;
if (latest) {
  // Each run's API is compared with the floor measured in the same run.
  const rows = latest.rows.filter((r) => r.floor);
  const find = (result: ApiResult | undefined, row: ApiRow) =>
    result?.rows.find((r) => r.operation === row.operation && r.connections === row.connections);
  const label = (row: ApiRow) => `${row.operation.replace(/ \(.*$/, '')}\n${row.connections} connections`;
  const runs = apiRuns.map((run) => run.result);
  const entries = latest.entries.toLocaleString('en');
  write(
    'bench-api-throughput.svg',
    barChartSvg({
      title: `bench:api — requests per second, each run with its own floor (${entries} entries, quiet machine)`,
      unit: 'requests/s',
      series: apiRuns.flatMap((run) => [`${run.label}: API`, `${run.label}: node:http floor`]),
      groups: rows.map((row) => ({
        label: label(row),
        values: runs.flatMap((run) => [find(run, row)?.api.perSecond, find(run, row)?.floor?.perSecond]),
      })),
    }),
  );
  const ratio = (pick: (f: Figures) => number) => (run: ApiResult | undefined, row: ApiRow) => {
    const found = find(run, row);
    return found?.floor ? pick(found.api) / pick(found.floor) : undefined;
  };
  const format = (v: number) => v.toFixed(2);
  write(
    'bench-api-vs-floor.svg',
    barChartSvg({
      title: 'bench:api — API requests/s ÷ node:http floor requests/s (higher is better)',
      unit: 'API req/s ÷ floor req/s',
      series: apiRuns.map((run) => run.label),
      groups: rows.map((row) => ({
        label: label(row),
        values: runs.map((run) => ratio((f) => f.perSecond)(run, row)),
      })),
      line: { value: 0.6, label: 'target ≥ 0.6' },
      format,
    }),
  );
  write(
    'bench-api-p99-vs-floor.svg',
    barChartSvg({
      title: 'bench:api — API p99 ÷ node:http floor p99 (lower is better)',
      unit: 'API p99 ÷ floor p99',
      series: apiRuns.map((run) => run.label),
      groups: rows.map((row) => ({ label: label(row), values: runs.map((run) => ratio((f) => f.p99)(run, row)) })),
      line: { value: 1.5, label: 'target ≤ 1.5' },
      format,
    }),
  );
}

const web = readdirSync(DATA)
  .filter((f) => /^web-\d+\.json$/.test(f))
  .map((f) => read<WebResult>(f)!)
  .sort((a, b) => a.entries - b.entries);
if (web.length > 0) {
  write(
    'bench-web-first-entry.svg',
    barChartSvg({
      title: 'bench:web — navigation to the first entry visible in Chromium',
      unit: 'ms',
      series: ['cold, median', 'cold, worst', 'warm, median'],
      groups: web.map((w) => ({
        label: `${w.entries.toLocaleString('en')} entries\n${w.runs} runs`,
        values: [w.cold.median, w.cold.worst, w.warm.median],
      })),
      line: { value: 1000, label: 'target: 1 s cold' },
    }),
  );
}

const replay = read<ReplayResult>('replay.json');
if (replay) {
  const label = (entries: number) => `${entries.toLocaleString('en')} entries`;
  write(
    'bench-replay-time.svg',
    barChartSvg({
      title: 'bench:replay — the whole replay (API suite + browser sample); the load average of each row is in docs',
      unit: 's',
      series: ['replay time'],
      groups: replay.rows.map((row) => ({ label: label(row.entries), values: [row.seconds] })),
      line: { value: 300, label: 'target at 1M: 5 min' },
    }),
  );
  write(
    'bench-replay-memory.svg',
    barChartSvg({
      title: "bench:replay — peak resident memory of the replay's processes",
      unit: 'MiB',
      series: ['the replay process', 'all its processes (vitest, Playwright, Chromium)'],
      groups: replay.rows.map((row) => ({
        label: label(row.entries),
        values: [row.peakRssMibByProcess['replay (main)'], row.peakRssMib],
      })),
      line: { value: 300, label: 'target: 300 MB' },
    }),
  );
}
