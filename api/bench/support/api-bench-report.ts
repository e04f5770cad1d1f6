import type { CpuSplit } from './cpu-split.js';
import type { Figures } from './measure.js';
import { ms, table } from './table.js';

/** One operation at one number of connections: the API, and (for Cassandra-backed routes) its two floors. */
export interface ApiBenchRow {
  operation: string;
  connections: number;
  api: Figures;
  floor?: Figures;
  driver?: Figures;
  cpu?: { api: CpuSplit; floor: CpuSplit };
  /** Requests/s of every run, in the order measured (older files measured each side once and have none). */
  runs?: { api: number[]; floor: number[] };
}

/** What `bench:api -- --out FILE` writes, and what the charts are drawn from. */
export interface ApiBenchResult {
  entries: number;
  days: number;
  seconds: number;
  /** Runs per side, the median reported; absent in files from before repeats (one run each). */
  repeat?: number;
  warmUpSeconds?: number;
  /** The Node version the API and the floor ran on (process.version); absent in older files. */
  node?: string;
  cpus: number;
  loadAverage: number;
  seedSeconds: number;
  date: string;
  rows: ApiBenchRow[];
}

const perSecond = (f?: Figures) => (f ? f.perSecond.toFixed(0) : '–');
const ratio = (a: number, b?: number, digits = 2) => (b ? (a / b).toFixed(digits) : '–');

export function apiBenchTable(rows: ApiBenchRow[]): string {
  return table(
    [
      'operation',
      'conns',
      'API req/s',
      'API p50',
      'API p99',
      'floor req/s',
      'floor p50',
      'floor p99',
      'driver req/s',
      'driver p50',
      'driver p99',
      'API/floor req/s',
      'API/floor p99',
      'failed',
    ],
    rows.map((r) => [
      r.operation,
      r.connections,
      perSecond(r.api),
      ms(r.api.p50),
      ms(r.api.p99),
      perSecond(r.floor),
      ms(r.floor?.p50 ?? NaN),
      ms(r.floor?.p99 ?? NaN),
      perSecond(r.driver),
      ms(r.driver?.p50 ?? NaN),
      ms(r.driver?.p99 ?? NaN),
      ratio(r.api.perSecond, r.floor?.perSecond),
      `${ratio(r.api.p99, r.floor?.p99, 1)}×`,
      r.api.failures + (r.floor?.failures ?? 0) + (r.driver?.failures ?? 0),
    ]),
  );
}

export function cpuTable(rows: ApiBenchRow[]): string {
  const names = ['api', 'floor', 'cassandra', 'load generator', 'others'];
  const cells = (split: CpuSplit) => names.map((n) => (split[n] === undefined ? '–' : split[n]!.toFixed(2)));
  return table(
    ['operation', 'conns', 'measured', ...names],
    rows.flatMap((r) =>
      r.cpu
        ? [
            [r.operation, r.connections, 'API', ...cells(r.cpu.api)],
            [r.operation, r.connections, 'floor', ...cells(r.cpu.floor)],
          ]
        : [],
    ),
  );
}

/**
 * CPU each process spent per answered request (cores busy ÷ requests/s): steadier than requests/s on a shared machine,
 * where the share of the CPUs a process gets moves from one measurement to the next.
 */
export function cpuPerRequestTable(rows: ApiBenchRow[]): string {
  const msPerRequest = (cores: number | undefined, figures?: Figures) =>
    cores === undefined || !figures?.perSecond ? NaN : (cores / figures.perSecond) * 1000;
  return table(
    ['operation', 'conns', 'API ms CPU/request', 'floor ms CPU/request', 'API ÷ floor'],
    rows.flatMap((r) => {
      if (!r.cpu) return [];
      const api = msPerRequest(r.cpu.api.api, r.api);
      const floor = msPerRequest(r.cpu.floor.floor, r.floor);
      return [[r.operation, r.connections, api.toFixed(2), floor.toFixed(2), `${(api / floor).toFixed(1)}×`]];
    }),
  );
}
