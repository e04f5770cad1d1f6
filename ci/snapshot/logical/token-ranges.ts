import type { CqlClient } from '../cql-client.js';

/** A slice of the ring: tokens in (start, end]; undefined bounds for a scan of the whole table. */
export interface TokenRange {
  start?: bigint;
  end?: bigint;
}

const MURMUR3 = 'org.apache.cassandra.dht.Murmur3Partitioner';
// Murmur3's tokens are signed 64-bit; its minimum is never a key's token, so (MIN, MAX] holds every key.
const MIN_TOKEN = -(2n ** 63n);
const MAX_TOKEN = 2n ** 63n - 1n;

/**
 * `count` contiguous ranges that together hold every token exactly once, in ring order. Murmur3 spreads keys evenly
 * over the ring, so equal slices hold about equal data. Another partitioner's token type differs: one range, a plain
 * scan.
 */
export async function splitRing(client: CqlClient, count: number): Promise<TokenRange[]> {
  const partitioner = (await client.execute('SELECT partitioner FROM system.local')).first()?.get('partitioner') as
    string | undefined;
  if (partitioner !== MURMUR3 || count <= 1) return [{}];
  return evenSlices(count);
}

export function evenSlices(count: number): TokenRange[] {
  const span = MAX_TOKEN - MIN_TOKEN;
  const bound = (i: number) => (i === count ? MAX_TOKEN : MIN_TOKEN + (span * BigInt(i)) / BigInt(count));
  return Array.from({ length: count }, (_, i) => ({ start: bound(i), end: bound(i + 1) }));
}
