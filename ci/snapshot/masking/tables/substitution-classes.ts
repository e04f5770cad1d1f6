import { measureNormalization } from './normalization-behaviour.js';
import {
  binaryProperty,
  bidiClass,
  characterName,
  CODE_POINTS,
  decompositionType,
  enumeratedProperty,
  generalCategory,
  type PropertyColumn,
} from './unicode-properties.js';

const LETTER_CATEGORIES = new Set([
  'Uppercase_Letter',
  'Lowercase_Letter',
  'Titlecase_Letter',
  'Modifier_Letter',
  'Other_Letter',
]);

export interface SubstitutionClass {
  /** Every property the members share, in words: what a replacement keeps. */
  key: string;
  members: number[];
}

export interface SubstitutionData {
  classes: SubstitutionClass[];
  /** Code points before which normalization cannot be split: combining marks, Hangul vowel and final jamo, ... */
  notBoundaryBefore: number[];
}

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/** How upper- and lower-casing change a letter: unchanged, or into how many UTF-8 bytes and UTF-16 units. */
function caseBehaviour(text: string): string {
  const shape = (mapped: string) => (mapped === text ? 'same' : `${utf8Length(mapped)}B/${mapped.length}U`);
  return `upper:${shape(text.toUpperCase())} lower:${shape(text.toLowerCase())}`;
}

/**
 * What a letter with a compatibility decomposition looks like, so that 𝓜 becomes another bold script capital, not a
 * Fraktur or Greek one, and an Arabic final form another final form: the decomposition type, the script it decomposes
 * to, and for font variants the style its name gives ("MATHEMATICAL BOLD SCRIPT" CAPITAL M).
 */
function compatibilityLook(cp: number, text: string, decomposition: PropertyColumn, script: PropertyColumn): string {
  const type = decomposition.of(cp);
  if (type === '' || type === 'Canonical') return 'compat:none';
  const looksLike = script.of(text.normalize('NFKD').codePointAt(0)!);
  // "MATHEMATICAL BOLD SCRIPT CAPITAL M" → MATHEMATICAL BOLD SCRIPT; "ARABIC MATHEMATICAL INITIAL BEH" → ...INITIAL.
  const name = characterName(cp);
  const fontStyle = (
    / (CAPITAL|SMALL) /.test(name) ? name.replace(/ (CAPITAL|SMALL) .*$/, '') : name.replace(/ [^ ]+$/, '')
  ).replaceAll(' ', '_');
  const style = type === 'Font' ? ` style:${fontStyle}` : '';
  return `compat:${type} looks-like:${looksLike}${style}`;
}

/** Digit zero of each decimal digit: Unicode encodes every decimal system as ten consecutive code points from zero. */
export function digitZeros(isDigit: (cp: number) => boolean): Map<number, number> {
  const zeros = new Map<number, number>();
  for (let cp = 0; cp < CODE_POINTS;) {
    if (!isDigit(cp)) {
      cp++;
      continue;
    }
    const start = cp;
    while (isDigit(cp)) cp++;
    if ((cp - start) % 10 !== 0) {
      throw new Error(`Decimal digits U+${start.toString(16)}..U+${(cp - 1).toString(16)} are not sets of ten`);
    }
    for (let d = start; d < cp; d++) zeros.set(d, start + Math.floor((d - start) / 10) * 10);
  }
  return zeros;
}

/**
 * Groups letters and decimal digits into classes whose members can replace each other without changing any
 * property a text's shape depends on: script, general category (hence case), UTF-8 and UTF-16 length, grapheme
 * cluster break and Indic conjunct break (hence grapheme clusters), bidi class, Arabic joining type, case mapping
 * lengths, normalization behaviour, and the look of compatibility characters. Emoji and pictographic letters (ℹ)
 * are left out: they stay as they are.
 * Classes of one member are dropped: such a letter has no replacement and is kept.
 */
export async function computeSubstitutionClasses(): Promise<SubstitutionData> {
  const category = generalCategory();
  const script = await enumeratedProperty('Script');
  const graphemeBreak = await enumeratedProperty('Grapheme_Cluster_Break');
  const conjunctBreak = await enumeratedProperty('Indic_Conjunct_Break');
  const joining = await enumeratedProperty('Joining_Type');
  const bidi = bidiClass();
  const decomposition = await decompositionType();
  const pictographic = await binaryProperty('Extended_Pictographic');
  const emoji = await binaryProperty('Emoji');
  const normalization = measureNormalization();
  const zeros = digitZeros((cp) => category.of(cp) === 'Decimal_Number');

  // The runtime's regular expressions must agree with the data package, or a replacement could change the
  // category or script that code running on this runtime sees.
  const scriptPatterns = new Map<string, RegExp>();
  const runtimeAgrees = (text: string, gc: string, sc: string) => {
    let pattern = scriptPatterns.get(sc);
    if (!pattern) scriptPatterns.set(sc, (pattern = new RegExp(`^\\p{Script=${sc}}$`, 'u')));
    return new RegExp(`^\\p{gc=${gc}}$`, 'u').test(text) && pattern.test(text);
  };

  const byKey = new Map<string, number[]>();
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    const gc = category.of(cp);
    const zero = zeros.get(cp);
    const isLetter = LETTER_CATEGORIES.has(gc) && !pictographic[cp] && !emoji[cp];
    if (!isLetter && zero === undefined) continue;
    const text = String.fromCodePoint(cp);
    if (!runtimeAgrees(text, gc, script.of(cp))) continue;
    const key = [
      isLetter ? 'letter' : `digit of U+${zero!.toString(16).toUpperCase().padStart(4, '0')}`,
      `script:${script.of(cp)}`,
      `gc:${gc}`,
      `utf8:${utf8Length(text)}`,
      `gcb:${graphemeBreak.of(cp)}`,
      `incb:${conjunctBreak.of(cp) || 'None'}`,
      `bidi:${bidi.of(cp)}`,
      `joining:${joining.of(cp) || 'Non_Joining'}`,
      caseBehaviour(text),
      compatibilityLook(cp, text, decomposition, script),
      `boundary-before:${normalization.boundaryBefore[cp]}`,
      `nfc-stable:${normalization.nfcStable[cp]}`,
      `decomposes:${normalization.decomposes[cp]}`,
    ].join(' ');
    const members = byKey.get(key);
    if (members) members.push(cp);
    else byKey.set(key, [cp]);
  }

  const classes = [...byKey.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([key, members]) => ({ key, members }))
    .sort((a, b) => a.members[0]! - b.members[0]!);
  const notBoundaryBefore: number[] = [];
  for (let cp = 0; cp < CODE_POINTS; cp++) if (!normalization.boundaryBefore[cp]) notBoundaryBefore.push(cp);
  return { classes, notBoundaryBefore };
}
