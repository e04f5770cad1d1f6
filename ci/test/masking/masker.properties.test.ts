import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMasker } from '../../snapshot/masking/index.js';
import { replacementTables } from '../../snapshot/masking/replacement-tables.js';
import { hostileText, illFormedText, letterHeavyText, sampleLetters } from './support/arbitraries.js';
import { shapeDifferences, unicodeLookups, type UnicodeLookups } from './support/shape-check.js';

const RUNS = 3000;
const masker = createMasker({ key: 'property-test-key-0001' });
const otherMasker = createMasker({ key: 'property-test-key-0002' });
const letters = sampleLetters();
let unicode: UnicodeLookups;

beforeAll(async () => {
  unicode = await unicodeLookups();
});

const tables = replacementTables();
/** Letters the masker can replace (a class of two or more): digits and letters with no class-mate do not count. */
const replaceableLetters = (text: string) =>
  [...text].filter((c) => {
    const cls = tables.classOf[c.codePointAt(0)!]!;
    return cls !== 0 && !tables.isDigitClass[cls - 1];
  }).length;
/** Chance that masking under another key gives the same text: every replaceable letter drawing the same member. */
const collisionChance = (text: string) =>
  [...text].reduce((p, c) => {
    const cls = tables.classOf[c.codePointAt(0)!]!;
    return cls === 0 ? p : p / tables.members[cls - 1]!.length;
  }, 1);

const inputs = {
  'any Unicode text, astral planes included': fc.string({ unit: 'binary', maxLength: 60 }),
  'grapheme clusters of every kind': fc.string({ unit: 'grapheme', maxLength: 30 }),
  'letters of every script among marks and hostile pieces': letterHeavyText(letters),
  'words between emoji, flags, bidi controls, joiners and marks': hostileText(letters),
};

describe('maskText keeps the shape', () => {
  it.each(Object.entries(inputs))('when the value is %s, then every invariant holds', (_what, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (value) => {
        const masked = masker.maskText(value);
        expect(shapeDifferences(value, masked, unicode)).toEqual([]);
        expect(masker.maskText(value)).toBe(masked);
        if (replaceableLetters(value) >= 3) expect(masked).not.toBe(value);
        if (collisionChance(value) < 1e-9) expect(otherMasker.maskText(value)).not.toBe(masked);
      }),
      { numRuns: RUNS },
    );
  });

  it('when the value holds lone surrogates, then they stay where they were and the rest keeps its shape', () => {
    fc.assert(
      fc.property(illFormedText(letters), (value) => {
        const masked = masker.maskText(value);
        expect(shapeDifferences(value, masked, unicode)).toEqual([]);
        const isLone = (c: string) => c.length === 1 && c >= '\ud800' && c <= '\udfff';
        const lone = (text: string) => [...text].map((c, i) => (isLone(c) ? `${i}:${c}` : '')).join();
        expect(lone(masked)).toBe(lone(value));
      }),
      { numRuns: RUNS },
    );
  });
});
