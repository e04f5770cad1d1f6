import { readFileSync } from 'node:fs';

/**
 * The substitution classes in lookup form. Generated from the Unicode data package and this runtime's normalization
 * by `npm run masking:tables` (tables/generate-replacement-tables.ts); a test fails when the file is out of date.
 */
export interface ReplacementTables {
  unicodeVersion: string;
  /** Per code point: 1 + the index of its class in `members`, or 0 when it is always kept. */
  classOf: Uint16Array;
  /** Each class's code points, in code point order; a digit class in digit order. */
  members: Uint32Array[];
  keys: string[];
  isDigitClass: Uint8Array;
  /** Per code point: 1 when NFC and NFD can be computed separately before and after a position in front of it. */
  boundaryBefore: Uint8Array;
}

interface TablesFile {
  unicodeVersion: string;
  notBoundaryBefore: number[];
  classes: { key: string; runs: number[] }[];
}

const TABLES_URL = new URL('./replacement-tables.json', import.meta.url);
let loaded: ReplacementTables | undefined;

function expandRuns(runs: number[]): Uint32Array {
  let size = 0;
  for (let r = 1; r < runs.length; r += 2) size += runs[r]!;
  const out = new Uint32Array(size);
  let at = 0;
  for (let r = 0; r < runs.length; r += 2) for (let k = 0; k < runs[r + 1]!; k++) out[at++] = runs[r]! + k;
  return out;
}

/** Loads the tables once per process (about 3 MB of lookup arrays). */
export function replacementTables(): ReplacementTables {
  if (loaded) return loaded;
  const file = JSON.parse(readFileSync(TABLES_URL, 'utf8')) as TablesFile;
  const classOf = new Uint16Array(0x110000);
  const members = file.classes.map((c) => expandRuns(c.runs));
  members.forEach((codePoints, index) => {
    for (const cp of codePoints) classOf[cp] = index + 1;
  });
  const boundaryBefore = new Uint8Array(0x110000).fill(1);
  for (const cp of expandRuns(file.notBoundaryBefore)) boundaryBefore[cp] = 0;
  const keys = file.classes.map((c) => c.key);
  const isDigitClass = Uint8Array.from(keys, (key) => (key.startsWith('digit') ? 1 : 0));
  loaded = { unicodeVersion: file.unicodeVersion, classOf, members, keys, isDigitClass, boundaryBefore };
  return loaded;
}
