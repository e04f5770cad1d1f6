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
}

export interface BrowserSampleOptions {
  /** The newest entries, checked in the list as a visitor scrolls it ("Load more"). */
  newest: number;
  /** Unusual entries deeper than that, each opened at its own page (/entries/:id); the first ones in list order. */
  deepUnusual: number;
}

export const DEFAULT_BROWSER_SAMPLE: BrowserSampleOptions = { newest: 100, deepUnusual: 200 };

/**
 * The sample the browser checks, in one pass over the list order with memory bounded by the sample: the newest
 * entries as the list shows them, and unusual entries beyond them, which hand-written test data never has.
 */
export async function browserSample(
  listOrder: AsyncIterable<StoredRow>,
  { newest, deepUnusual }: BrowserSampleOptions = DEFAULT_BROWSER_SAMPLE,
): Promise<ExpectedEntry[]> {
  const sample: ExpectedEntry[] = [];
  let position = 0;
  let deep = 0;
  for await (const entry of listOrder) {
    const unusual = isUnusual(entry);
    const expected = { id: entry.id, name: entry.name, message: entry.message, description: describeEntry(entry) };
    if (position < newest) sample.push({ ...expected, position, unusual });
    else if (unusual && deep < deepUnusual) {
      sample.push({ ...expected, position, unusual });
      deep++;
    } else if (deep >= deepUnusual) break;
    position++;
  }
  return sample;
}

export function writeExpected(file: string, entries: ExpectedEntry[]): void {
  writeFileSync(file, JSON.stringify({ entries }));
}

export function readExpected(file: string): ExpectedEntry[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: ExpectedEntry[] }).entries;
}
