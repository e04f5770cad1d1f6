/** Lengths below this are counted in an array; longer ones (rare) in a map. */
const DENSE_LENGTHS = 16_384;

/**
 * Exact counts per length. Lengths here are small integers (a guestbook name is at most 80 code points, a message
 * 2000, so at most 8000 UTF-8 bytes): one counter per distinct length is exact, cheaper per value than a sketch, and
 * small (distinct lengths never exceed √(2 × total length), about 45,000 for a gigabyte of text).
 */
export class LengthHistogram {
  private dense = new Float64Array(64);
  private readonly sparse = new Map<number, number>();

  add(length: number): void {
    if (length < this.dense.length) this.dense[length]!++;
    else if (length < DENSE_LENGTHS) {
      const grown = new Float64Array(Math.min(DENSE_LENGTHS, Math.max(length + 1, this.dense.length * 2)));
      grown.set(this.dense);
      this.dense = grown;
      this.dense[length]!++;
    } else this.sparse.set(length, (this.sparse.get(length) ?? 0) + 1);
  }

  toJSON(): HistogramSummary {
    const buckets: [number, number][] = [];
    this.dense.forEach((n, length) => {
      if (n > 0) buckets.push([length, n]);
    });
    buckets.push(...[...this.sparse].sort((a, b) => a[0] - b[0]));
    return summarize(buckets);
  }
}

export interface HistogramSummary {
  max: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  /** [length, values of that length], by length. */
  buckets: [number, number][];
}

/** Nearest-rank percentiles: the smallest length that at least q of the values do not exceed. */
function summarize(buckets: [number, number][]): HistogramSummary {
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  const at = (q: number) => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const [length, n] of buckets) if ((seen += n) >= rank) return length;
    return 0;
  };
  return {
    max: buckets.at(-1)?.[0] ?? 0,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    p999: at(0.999),
    buckets,
  };
}
