/**
 * Exact counts per length. Lengths here are small integers (a guestbook name is at most 80 code points, a message
 * 2000, so at most 8000 UTF-8 bytes): one counter per distinct length is exact, cheaper per value than a sketch, and
 * small (distinct lengths never exceed √(2 × total length), about 2,000 for a gigabyte of text).
 */
export class LengthHistogram {
  private readonly counts = new Map<number, number>();

  add(length: number): void {
    this.counts.set(length, (this.counts.get(length) ?? 0) + 1);
  }

  toJSON(): HistogramSummary {
    const buckets = [...this.counts].sort((a, b) => a[0] - b[0]);
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
