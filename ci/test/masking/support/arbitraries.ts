import fc from 'fast-check';
import { replacementTables } from '../../../snapshot/masking/replacement-tables.js';

/** A few members of every substitution class, so that every script and case the masker knows gets exercised. */
export function sampleLetters(perClass = 4): string[] {
  const out: string[] = [];
  for (const members of replacementTables().members) {
    const step = Math.max(1, Math.floor(members.length / perClass));
    for (let i = 0; i < members.length && out.length < 1e6; i += step) out.push(String.fromCodePoint(members[i]!));
  }
  return out;
}

const ZWJ = '\u200d';
/** Hand-built sequences that make text hostile: each must come out exactly as it went in. */
const HOSTILE_PIECES = [
  `👨${ZWJ}👩${ZWJ}👧${ZWJ}👦`,
  `🧑🏿${ZWJ}🤝${ZWJ}🧑🏻`,
  `🏳️${ZWJ}🌈`,
  `🏳️${ZWJ}⚧️`,
  `❤️${ZWJ}🔥`,
  `👩🏽${ZWJ}💻`,
  '🇺🇦',
  '🇯🇵',
  '🇺',
  '🏴\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f}',
  '👋🏻',
  '👋🏿',
  '🏿',
  '1️⃣',
  '#️⃣',
  '*️⃣',
  '7\u20e3',
  '0\ufe0e',
  '🦄',
  '😀',
  '✨',
  '\u202e',
  '\u202c',
  '\u202b',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u0301',
  '\u0308\u0323',
  '\u20dd',
  '\u093f',
  '\u094d',
  '\u0e33',
  '\u3099',
  '\ufeff',
  '\u200b',
  '\u200c',
  ZWJ,
  '\u2060',
  '\u00ad',
  ' ',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\u2028',
  '\u2029',
  '\r\n',
  '\t',
  '\n',
  '\ue000',
  '\u{f0000}',
  '\uffff',
  '\ufffe',
  '\u{10ffff}',
  '\u0378',
  '\u{e0001}',
  '.',
  '-',
  '—',
  "'",
  '"',
  '<',
  '&',
  '$',
  '€',
  '∑',
  '©',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356',
  'e\u0301',
  'A\u030a',
  '\u1100\u1161\u11a8',
  '\u1100\u1161',
  '\uac00\u11a8',
  'क्ष',
  'क्\u200dष',
  'ශ්\u200dරී',
  'ழ்ழ்',
  'ت\u0640ت',
  'ß',
  'İ',
  'ŉ',
  'ﬃ',
  'ǅ',
];

/** Text that is mostly letters of any script, with hostile pieces and combining marks among them. */
export function letterHeavyText(letters: string[]): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...letters) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
    { weight: 1, arbitrary: fc.integer({ min: 0x300, max: 0x36f }).map((cp) => String.fromCodePoint(cp)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 }) },
  );
  return fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
}

/** Runs of letters with hostile pieces between them: the shapes a real name or message takes. */
export function hostileText(letters: string[]): fc.Arbitrary<string> {
  const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 }).map((w) => w.join(''));
  const piece = fc.oneof(word, fc.constantFrom(...HOSTILE_PIECES));
  return fc.array(piece, { maxLength: 16 }).map((pieces) => pieces.join(''));
}

/** Text with lone surrogates among letters: not what Cassandra stores, but the masker must not make it worse. */
export function illFormedText(letters: string[]): fc.Arbitrary<string> {
  const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
  return fc.array(fc.oneof(fc.constantFrom(...letters), lone), { maxLength: 20 }).map((pieces) => pieces.join(''));
}
