import autocannon from 'autocannon';
import type { CassandraClient } from '../../src/cassandra.js';
import { BROWSER_HEADERS } from './browser-headers.js';
import { percentile } from './traffic.js';

export interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
  failures: number;
}

export interface LoadShape {
  connections: number;
  seconds: number;
}

/**
 * HTTP load with autocannon, each request with a browser's headers; latencies from its per-response times (fractions
 * of a millisecond kept).
 */
export async function measureHttp(options: autocannon.Options & LoadShape): Promise<Figures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const settings = { ...options, headers: { ...BROWSER_HEADERS, ...options.headers }, duration: options.seconds };
    const instance = autocannon(settings, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 300) latencies.push(responseTime);
    });
  });
  return {
    perSecond: latencies.length / options.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** One recorded driver call: what the API's repository sent to Cassandra for one request. */
export type DriverCall =
  | { kind: 'execute'; query: string; params: unknown[]; options: object }
  | { kind: 'batch'; queries: Array<{ query: string; params: unknown[] }>; options: object };

/**
 * Runs `work` against a client that records every call it makes, so the raw-driver measurement can replay exactly the
 * statements the API issues for a request, with the same parameters and options.
 */
export async function recordCalls(
  client: CassandraClient,
  work: (client: CassandraClient) => Promise<unknown>,
): Promise<DriverCall[]> {
  const calls: DriverCall[] = [];
  const recorder = new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'execute') {
        return (query: string, params: unknown[] = [], options: object = {}) => {
          calls.push({ kind: 'execute', query, params, options });
          return target.execute(query, params as never, options);
        };
      }
      if (property === 'batch') {
        return (queries: Array<{ query: string; params: unknown[] }>, options: object = {}) => {
          calls.push({ kind: 'batch', queries, options });
          return target.batch(queries as never, options);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  await work(recorder);
  return calls;
}

/** The recorded calls replayed one after another by `connections` concurrent loops for `seconds`. */
export async function measureDriver(client: CassandraClient, calls: DriverCall[], shape: LoadShape): Promise<Figures> {
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + shape.seconds * 1000;
  await Promise.all(
    Array.from({ length: shape.connections }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        try {
          for (const call of calls) {
            if (call.kind === 'execute') await client.execute(call.query, call.params as never, call.options);
            else await client.batch(call.queries as never, call.options);
          }
          latencies.push(performance.now() - began);
        } catch {
          failures++;
        }
      }
    }),
  );
  return {
    perSecond: latencies.length / shape.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: latencies.length + failures,
    failures,
  };
}
