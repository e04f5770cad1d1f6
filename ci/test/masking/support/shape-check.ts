import { digitZeros } from '../../../snapshot/masking/tables/substitution-classes.js';
import {
  enumeratedProperty,
  generalCategory,
  type PropertyColumn,
} from '../../../snapshot/masking/tables/unicode-properties.js';

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemesOf = (text: string): string[] => Array.from(graphemeSegmenter.segment(text), (s) => s.segment);

export interface UnicodeLookups {
  category: PropertyColumn;
  script: PropertyColumn;
  digitZero: Map<number, number>;
}

/** Script and category straight from the Unicode data package: an independent check of the masker's tables. */
export async function unicodeLookups(): Promise<UnicodeLookups> {
  const category = generalCategory();
  const digitZero = digitZeros((cp) => category.of(cp) === 'Decimal_Number');
  return { category, script: await enumeratedProperty('Script'), digitZero };
}

const isLetter = (gc: string) => gc.endsWith('_Letter') && gc !== 'Cased_Letter';
const isNormalized = (text: string, form: 'NFC' | 'NFD') => text.normalize(form) === text;

/** Every way in which `output` does not have the shape of `input`; empty when the shape is kept. */
export function shapeDifferences(input: string, output: string, unicode: UnicodeLookups): string[] {
  const problems: string[] = [];
  const expectSame = (what: string, a: unknown, b: unknown) => {
    if (a !== b) problems.push(`${what}: ${String(a)} became ${String(b)}`);
  };
  const inPoints = [...input].map((c) => c.codePointAt(0)!);
  const outPoints = [...output].map((c) => c.codePointAt(0)!);
  expectSame('code points', inPoints.length, outPoints.length);
  expectSame('UTF-16 length', input.length, output.length);
  expectSame('UTF-8 bytes', Buffer.byteLength(input, 'utf8'), Buffer.byteLength(output, 'utf8'));
  expectSame('well-formed', input.isWellFormed(), output.isWellFormed());
  expectSame('NFC', isNormalized(input, 'NFC'), isNormalized(output, 'NFC'));
  expectSame('NFD', isNormalized(input, 'NFD'), isNormalized(output, 'NFD'));
  const inGraphemes = graphemesOf(input);
  const outGraphemes = graphemesOf(output);
  expectSame('grapheme clusters', inGraphemes.length, outGraphemes.length);
  inGraphemes.forEach((g, i) => {
    expectSame(`code points in grapheme ${i}`, [...g].length, [...(outGraphemes[i] ?? '')].length);
  });
  inPoints.forEach((was, i) => {
    const now = outPoints[i];
    if (now === undefined || now === was) return;
    const at = `position ${i} (U+${was.toString(16)} → U+${now.toString(16)})`;
    const gc = unicode.category.of(was);
    if (!isLetter(gc) && gc !== 'Decimal_Number') problems.push(`${at}: a ${gc || 'unassigned'} code point changed`);
    expectSame(`${at} category`, gc, unicode.category.of(now));
    expectSame(`${at} script`, unicode.script.of(was), unicode.script.of(now));
    if (gc === 'Decimal_Number') {
      expectSame(`${at} digit system`, unicode.digitZero.get(was), unicode.digitZero.get(now));
    }
  });
  return problems;
}
