import fc from 'fast-check';
import { MESSAGE_MAX, NAME_MAX } from './entry-rules.js';

const char = (codeUnit: number) => String.fromCharCode(codeUnit);

/** Halves of surrogate pairs, built by hand: no string arbitrary produces them, and JSON.stringify sends them as \udXXX. */
const loneHighSurrogate = fc.integer({ min: 0xd800, max: 0xdbff }).map(char);
const loneLowSurrogate = fc.integer({ min: 0xdc00, max: 0xdfff }).map(char);

/** C0 and C1 controls, DEL included. */
const controlCharacter = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map(char);

const lineBreak = fc.constantFrom('\n', '\r', '\t', '\r\n');

/** Text that has broken real systems: invisible and bidi characters, noncharacters, normalisation pairs, escapes, markup. */
const trickyText = fc.constantFrom(
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\u{10ffff}',
  '\u{e0041}',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\u2028',
  '\u2029',
  '\u00ad',
  'e\u0301',
  '\u00e9',
  'ﬃ',
  'İ',
  'ß',
  '\u{1d4aa}',
  '﷽',
  '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}',
  '\u{1f3f3}\ufe0f\u200d\u{1f308}',
  '\u{1f1fa}\u{1f1f8}',
  'Z\u0364\u0314\u0351\u0343\u0306\u0324',
  '\\',
  '\\u0000',
  '\\ud83d',
  '"',
  "'",
  '`',
  '%00',
  '%F0%9F',
  '&amp;',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  "' OR 1=1 --",
  '; DROP TABLE x;',
);

const cleanPiece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 3, arbitrary: trickyText },
);
const badPiece = fc.oneof(lineBreak, controlCharacter, loneHighSurrogate, loneLowSurrogate);
const pieces = (bad: number) =>
  fc.array(fc.oneof({ weight: 20 - bad, arbitrary: cleanPiece }, { weight: bad, arbitrary: badPiece }), {
    maxLength: 10,
  });

const around = (limit: number) => fc.string({ unit: 'binary', minLength: limit - 3, maxLength: limit + 3 });

/**
 * Any JavaScript string a client could send, lone surrogates included. Mostly clean text with the odd bad piece, so
 * that both sides of the rules get exercised rather than nearly every case refused.
 */
export const hostileShortText = fc.oneof(
  pieces(1).map((p) => p.join('')),
  pieces(5).map((p) => p.join('')),
);

/** hostileShortText, and text of any code points at and around the name and message limits. */
export const hostileText = fc.oneof(
  { weight: 10, arbitrary: hostileShortText },
  { weight: 1, arbitrary: around(NAME_MAX) },
  { weight: 1, arbitrary: around(MESSAGE_MAX) },
);

const withoutControls = (s: string, keepLineBreaks: boolean) =>
  s.replace(keepLineBreaks ? /(?![\t\n\r])\p{Cc}/gu : /\p{Cc}/gu, '');
const codePoints = (s: string) => [...s].length;

/** Names the API must accept: any well-formed text of 1-80 code points without control characters. */
export const acceptableName = fc
  .oneof(
    fc.array(cleanPiece, { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
    fc.string({ unit: 'binary', minLength: NAME_MAX - 2, maxLength: NAME_MAX }),
  )
  .map((s) => withoutControls(s, false))
  .filter((s) => codePoints(s) >= 1 && codePoints(s) <= NAME_MAX);

/** Messages the API must accept: well-formed text of 1-2000 code points, newline, CR and tab allowed. */
export const acceptableMessage = fc
  .oneof(
    {
      weight: 5,
      arbitrary: fc.array(fc.oneof(cleanPiece, lineBreak), { minLength: 1, maxLength: 12 }).map((p) => p.join('')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: MESSAGE_MAX - 5, maxLength: MESSAGE_MAX }) },
  )
  .map((s) => withoutControls(s, true))
  .filter((s) => codePoints(s) >= 1 && codePoints(s) <= MESSAGE_MAX);

/** Test runs per property; PROPERTY_RUNS=10 (a multiplier) searches longer. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * Number(process.env.PROPERTY_RUNS ?? 1)));
}
