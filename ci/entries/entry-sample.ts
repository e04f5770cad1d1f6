import { hasUnusualCharacters } from './code-points.js';
import { seededRandom } from './seeded-random.js';
import type { StoredRow } from './stored-entries.js';

export interface SampleOptions {
  /** Flagged entries taken at most; beyond it the rest of them compete for the random part. */
  unusualCap: number;
  /** Entries drawn at random (seeded) from everything not taken as unusual. */
  randomSize: number;
  seed: number;
}

export interface EntrySample {
  entries: StoredRow[];
  scanned: number;
  /** Every entry the rules flag as unusual, and how many of them are in the sample. */
  unusual: number;
  unusualTaken: number;
  sampled: number;
  seed: number;
}

export const isUnusual = (entry: { name: string; message: string }) =>
  hasUnusualCharacters(entry.name) || hasUnusualCharacters(entry.message);

/**
 * One pass over the rows, memory bounded by the sample: every unusual entry up to the cap, plus a seeded uniform
 * sample of the others (reservoir sampling), so a rerun with the same seed on the same data reads the same entries.
 */
export async function sampleEntries(rows: AsyncIterable<StoredRow>, options: SampleOptions): Promise<EntrySample> {
  const random = seededRandom(options.seed);
  const flagged: StoredRow[] = [];
  const reservoir: StoredRow[] = [];
  let scanned = 0;
  let unusual = 0;
  let others = 0;
  for await (const row of rows) {
    scanned++;
    if (isUnusual(row)) {
      unusual++;
      if (flagged.length < options.unusualCap) {
        flagged.push(row);
        continue;
      }
    }
    others++;
    if (reservoir.length < options.randomSize) reservoir.push(row);
    else {
      const slot = Math.floor(random() * others);
      if (slot < options.randomSize) reservoir[slot] = row;
    }
  }
  return {
    entries: [...flagged, ...reservoir],
    scanned,
    unusual,
    unusualTaken: flagged.length,
    sampled: reservoir.length,
    seed: options.seed,
  };
}
