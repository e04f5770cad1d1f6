/** How many values hold a shape, and the earliest write time among them. */
interface FeatureCount {
  values: number;
  /** Microseconds since the epoch (Cassandra's write time); Infinity until a value with a write time holds it. */
  firstSeen: number;
}

/** Counts each key at most once per value: call `startValue` before a value's `note`s. */
export class SeenFeatures<Key> {
  readonly counts = new Map<Key, FeatureCount & { stamp: number }>();
  private value = 0;

  startValue(): void {
    this.value++;
  }

  /** Returns false when the key was already noted for this value. */
  note(key: Key, writtenAt: number): boolean {
    let count = this.counts.get(key);
    if (!count) this.counts.set(key, (count = { values: 0, firstSeen: Infinity, stamp: 0 }));
    if (count.stamp === this.value) return false;
    count.stamp = this.value;
    count.values++;
    if (writtenAt < count.firstSeen) count.firstSeen = writtenAt;
    return true;
  }

  toJSON(name: (key: Key) => string = String): Record<string, SeenFeatureJson> {
    const out: Record<string, SeenFeatureJson> = {};
    for (const [key, count] of this.counts) out[name(key)] = featureJson(count);
    return out;
  }
}

export interface SeenFeatureJson {
  values: number;
  /** ISO time of the earliest write among the values holding it; null when none had a write time. */
  firstSeen: string | null;
}

export const featureJson = ({ values, firstSeen }: FeatureCount): SeenFeatureJson => ({
  values,
  firstSeen: Number.isFinite(firstSeen) ? new Date(Math.floor(firstSeen / 1000)).toISOString() : null,
});

/** Counts per small integer id (a script, a category), kept in arrays: the per-code-point path reads no map. */
export class DenseFeatures {
  readonly values: Float64Array;
  readonly firstSeen: Float64Array;
  readonly stamps: Uint32Array;

  constructor(readonly names: string[]) {
    this.values = new Float64Array(names.length);
    this.firstSeen = new Float64Array(names.length).fill(Infinity);
    this.stamps = new Uint32Array(names.length);
  }

  toJSON(): Record<string, SeenFeatureJson> {
    const out: Record<string, SeenFeatureJson> = {};
    this.names.forEach((name, id) => {
      if (this.values[id]! > 0) out[name] = featureJson({ values: this.values[id]!, firstSeen: this.firstSeen[id]! });
    });
    return out;
  }
}
