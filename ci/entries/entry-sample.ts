import { hasUnusualCharacters } from './code-points.js';
import { seededRandom } from './seeded-random.js';
import type { StoredRow } from './stored-entries.js';

export interface SampleOptions {
  /** Flagged entries taken at most; beyond it the rest of them compete for the random part. */
  unusualCap: number;
  /** Entries drawn at random (seeded) from everything not taken as unusual. */
  randomSize: number;
  seed: number;
  /** Entries holding a shape production did not have before (snapshot drift): taken first, within the cap. */
  holdsNewShape?: (entry: { name: string; message: string }) => boolean;
}

export interface EntrySample {
  entries: StoredRow[];
  scanned: number;
  /** Every entry the rules flag as unusual, and how many of them are in the sample. */
  unusual: number;
  unusualTaken: number;
  /** Of those taken, how many hold a shape new since the previous snapshot (they come first). */
  newShapesTaken: number;
  sampled: number;
  seed: number;
}

export const isUnusual = (entry: { name: string; message: string }) =>
  hasUnusualCharacters(entry.name) || hasUnusualCharacters(entry.message);

/**
 * One pass over the rows, memory bounded by the sample: every unusual entry up to the cap, plus a seeded uniform
 * sample of the others (reservoir sampling), so a rerun with the same seed on the same data reads the same entries.
 * Entries holding a shape new since the previous snapshot come first and count against the cap.
 */
export async function sampleEntries(rows: AsyncIterable<StoredRow>, options: SampleOptions): Promise<EntrySample> {
  const random = seededRandom(options.seed);
  const fresh: StoredRow[] = [];
  const flagged: StoredRow[] = [];
  const reservoir: StoredRow[] = [];
  let scanned = 0;
  let unusual = 0;
  let unusualTaken = 0;
  let others = 0;
  for await (const row of rows) {
    scanned++;
    const flaggedRow = isUnusual(row);
    if (flaggedRow) unusual++;
    const newShape = options.holdsNewShape?.(row) ?? false;
    // A new shape outranks an unusual entry already taken: the cap makes room for it.
    if (newShape && fresh.length + flagged.length >= options.unusualCap && flagged.pop()) unusualTaken--;
    if ((flaggedRow || newShape) && fresh.length + flagged.length < options.unusualCap) {
      (newShape ? fresh : flagged).push(row);
      if (flaggedRow) unusualTaken++;
      continue;
    }
    others++;
    if (reservoir.length < options.randomSize) reservoir.push(row);
    else {
      const slot = Math.floor(random() * others);
      if (slot < options.randomSize) reservoir[slot] = row;
    }
  }
  return {
    entries: [...fresh, ...flagged, ...reservoir],
    scanned,
    unusual,
    unusualTaken,
    newShapesTaken: fresh.length,
    sampled: reservoir.length,
    seed: options.seed,
  };
}
