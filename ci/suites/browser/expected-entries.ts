import { readFileSync, writeFileSync } from 'node:fs';
import { describeEntry, hasUnusualCharacters } from '../../entries/code-points.js';
import type { StoredRow } from '../../entries/stored-entries.js';

/** What the browser replay checks: entries in list order, each with where it sits and how a failure names it. */
export interface ExpectedEntry {
  id: string;
  name: string;
  message: string;
  /** 0 = newest: how far down the page the entry is. */
  position: number;
  description: string;
  unusual: boolean;
}

/** Up to this many entries the browser checks them all; beyond it, the newest ones plus every unusual entry. */
export const BROWSER_CHECK_ALL_UP_TO = 300;
const NEWEST_SAMPLE = 100;

/**
 * The sample the browser pages through. Hand-written test data is plain ASCII, so the entries that are not are the
 * ones most worth seeing rendered: they are always in it, however large the data.
 */
export function browserSample(listOrder: StoredRow[]): ExpectedEntry[] {
  const all = listOrder.map((e, position) => ({
    id: e.id,
    name: e.name,
    message: e.message,
    position,
    description: describeEntry(e),
    unusual: hasUnusualCharacters(e.name) || hasUnusualCharacters(e.message),
  }));
  if (all.length <= BROWSER_CHECK_ALL_UP_TO) return all;
  return all.filter((e) => e.position < NEWEST_SAMPLE || e.unusual);
}

export function writeExpected(file: string, entries: ExpectedEntry[]): void {
  writeFileSync(file, JSON.stringify({ entries }));
}

export function readExpected(file: string): ExpectedEntry[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: ExpectedEntry[] }).entries;
}
