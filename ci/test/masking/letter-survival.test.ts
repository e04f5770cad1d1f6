import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMasker } from '../../snapshot/masking/index.js';
import { replacementTables } from '../../snapshot/masking/replacement-tables.js';

const tables = replacementTables();
const classSize = (cp: number) => {
  const cls = tables.classOf[cp]!;
  return cls === 0 ? 0 : tables.members[cls - 1]!.length;
};

// Small classes make chance survival frequent enough to count: ASCII letters (26), Greek, Hebrew, the four Latin
// titlecase digraphs, digits.
const ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'αβγδεζηθικλμνξοπρστυφχψωאבגדהוזחטיכלמנסעפצקרשתǅǈǋǲ0123456789',
];

describe('how often three original letters in a row survive masking', () => {
  it('when 100,000 letter-heavy values are masked, then 3-letter runs survive as often as chance gives', () => {
    const text = fc.array(fc.constantFrom(...ALPHABET, ' '), { minLength: 3, maxLength: 40 }).map((a) => a.join(''));
    const values = fc.sample(text, { numRuns: 100_000, seed: 7 });
    const masker = createMasker({ key: 'survival-test-key-0001' });
    let runs = 0;
    let survived = 0;
    let expected = 0;
    let variance = 0;
    for (const value of values) {
      const before = [...value].map((c) => c.codePointAt(0)!);
      const after = [...masker.maskText(value)].map((c) => c.codePointAt(0)!);
      for (let i = 0; i + 3 <= before.length; i++) {
        const sizes = [0, 1, 2].map((k) => classSize(before[i + k]!));
        if (sizes.some((s) => s === 0)) continue;
        const chance = 1 / (sizes[0]! * sizes[1]! * sizes[2]!);
        runs++;
        expected += chance;
        variance += chance * (1 - chance);
        if ([0, 1, 2].every((k) => before[i + k] === after[i + k])) survived++;
      }
    }
    console.warn(
      `3-letter runs: ${runs}; survived: ${survived} (${((survived / runs) * 100).toFixed(3)} %); ` +
        `chance alone: ${expected.toFixed(1)} (${((expected / runs) * 100).toFixed(3)} %)`,
    );
    expect(survived).toBeLessThanOrEqual(expected + 4 * Math.sqrt(variance) + 1);
  });
});
