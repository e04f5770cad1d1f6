import type { PropertyColumn } from '../../snapshot/masking/tables/unicode-properties.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemeCount = (text: string) => [...graphemes.segment(text)].length;
const isNormalized = (text: string, form: 'NFC' | 'NFD') => text.normalize(form) === text;
const isLetterOrDigit = (c: string) => /^[\p{L}\p{Nd}]$/u.test(c);

export interface ShapeMetrics {
  wellFormed: boolean;
  graphemesKept: boolean;
  /** Code points, UTF-16 units and UTF-8 bytes, all three. */
  lengthsKept: boolean;
  scriptsKept: boolean;
  normalizationKept: boolean;
  /** Every code point that is not a letter or digit (emoji, joiners, bidi controls, marks, spaces) is where it was. */
  hostileKept: boolean;
  /** Runs of three letters in the original, and how many of them are still in place. */
  letterRuns: number;
  letterRunsInPlace: number;
}

/** How much of the original's shape a masked value keeps, and how much of its letters. */
export function shapeMetrics(original: string, masked: string, script: PropertyColumn): ShapeMetrics {
  const before = [...original];
  const after = [...masked];
  const sameCount = before.length === after.length;
  const scriptOf = (c: string) => script.of(c.codePointAt(0)!);
  let letterRuns = 0;
  let letterRunsInPlace = 0;
  for (let i = 0; i + 3 <= before.length; i++) {
    if (!before.slice(i, i + 3).every((c) => /\p{L}/u.test(c))) continue;
    letterRuns++;
    if ([0, 1, 2].every((k) => before[i + k] === after[i + k])) letterRunsInPlace++;
  }
  return {
    wellFormed: masked.isWellFormed(),
    graphemesKept: graphemeCount(original) === graphemeCount(masked),
    lengthsKept:
      sameCount && original.length === masked.length && Buffer.byteLength(original) === Buffer.byteLength(masked),
    scriptsKept: sameCount && before.every((c, i) => scriptOf(c) === scriptOf(after[i]!)),
    normalizationKept:
      isNormalized(original, 'NFC') === isNormalized(masked, 'NFC') &&
      isNormalized(original, 'NFD') === isNormalized(masked, 'NFD'),
    hostileKept: sameCount && before.every((c, i) => isLetterOrDigit(c) || c === after[i]),
    letterRuns,
    letterRunsInPlace,
  };
}
