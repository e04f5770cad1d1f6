import { readFileSync, writeFileSync } from 'node:fs';
import { describeEntry } from '../../entries/code-points.js';
import { isUnusual } from '../../entries/entry-sample.js';
import type { StoredRow } from '../../entries/stored-entries.js';

/** What the browser replay checks: entries in list order, each with where it sits and how a failure names it. */
export interface ExpectedEntry {
  id: string;
  name: string;
  message: string;
  /** 0 = newest: how far down the list the entry is. */
  position: number;
  description: string;
  unusual: boolean;
  /** Holds a shape production did not have at the previous snapshot (snapshot drift). */
  newShape?: boolean;
}

export interface BrowserSampleOptions {
  /** The newest entries, checked in the list as a visitor scrolls it ("Load more"). */
  newest: number;
  /** Unusual entries deeper than that, each opened at its own page (/entries/:id); the first ones in list order. */
  deepUnusual: number;
}

const DEFAULT_BROWSER_SAMPLE: BrowserSampleOptions = { newest: 100, deepUnusual: 200 };

/**
 * The sample the browser checks, in one pass over the list order with memory bounded by the sample: the newest
 * entries as the list shows them, and unusual entries beyond them, which hand-written test data never has.
 */
export async function browserSample(
  listOrder: AsyncIterable<StoredRow>,
  { newest, deepUnusual }: BrowserSampleOptions = DEFAULT_BROWSER_SAMPLE,
  holdsNewShape?: (entry: { name: string; message: string }) => boolean,
): Promise<ExpectedEntry[]> {
  const sample: ExpectedEntry[] = [];
  const fresh: ExpectedEntry[] = [];
  let position = 0;
  let deep = 0;
  for await (const entry of listOrder) {
    const unusual = isUnusual(entry);
    const newShape = holdsNewShape?.(entry) ?? false;
    const expected = {
      id: entry.id,
      name: entry.name,
      message: entry.message,
      description: describeEntry(entry),
      position,
      unusual,
      ...(newShape ? { newShape } : {}),
    };
    if (position < newest) (newShape ? fresh : sample).push(expected);
    else if (newShape && fresh.length < deepUnusual) fresh.push(expected);
    else if (unusual && deep < deepUnusual) {
      sample.push(expected);
      deep++;
      // With new shapes to look for the whole list is read; without, the sample is complete here.
    } else if (deep >= deepUnusual && !holdsNewShape) break;
    position++;
  }
  // First-seen shapes first; the deep part stays within its budget, new shapes taking the room of unusual ones.
  const deepFresh = fresh.filter((e) => e.position >= newest).length;
  const room = Math.max(0, deepUnusual - deepFresh);
  let deepKept = 0;
  const kept = sample.filter((e) => e.position < newest || deepKept++ < room);
  return [...fresh, ...kept];
}

export function writeExpected(file: string, entries: ExpectedEntry[]): void {
  writeFileSync(file, JSON.stringify({ entries }));
}

export function readExpected(file: string): ExpectedEntry[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: ExpectedEntry[] }).entries;
}
