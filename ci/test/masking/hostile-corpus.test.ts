import { beforeAll, describe, expect, it } from 'vitest';
import { createMasker } from '../../snapshot/masking/index.js';
import { loadHostileCorpus } from '../../seed/corpus.js';
import { ordinaryEntries } from '../../seed/ordinary-entries.js';
import { shapeDifferences, unicodeLookups, type UnicodeLookups } from './support/shape-check.js';

const masker = createMasker({ key: 'corpus-test-key-00001' });
const corpus = loadHostileCorpus();
let unicode: UnicodeLookups;
beforeAll(async () => {
  unicode = await unicodeLookups();
});

const productionEntries = [...corpus, ...ordinaryEntries(40, 1)];

/** Where a run of three consecutive letters starts. */
function letterRuns(points: string[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i + 3 <= points.length; i++) {
    if (points.slice(i, i + 3).every((c) => /\p{L}/u.test(c))) starts.push(i);
  }
  return starts;
}

describe('masking the hostile corpus', () => {
  const cases = corpus.map((entry) => [entry.covers.join(', '), entry] as const);
  it.each(cases)('when the entry covers %s, then name and message keep their shape', (_covers, entry) => {
    expect(shapeDifferences(entry.name, masker.maskText(entry.name), unicode)).toEqual([]);
    expect(shapeDifferences(entry.message, masker.maskText(entry.message), unicode)).toEqual([]);
  });

  it("when the demo's production names are masked, then a grep of the masked values finds none of their words", () => {
    const masked = productionEntries.flatMap((e) => [masker.maskText(e.name), masker.maskText(e.message)]).join('\n');
    // Words of four letters or more: shorter ones turn up by chance in thousands of masked letters (a given
    // lower-case trigram does in about one masked text in four of this size).
    const words = [...new Set(productionEntries.flatMap((e) => e.name.split(/[^\p{L}\p{M}]+/u)))].filter(
      (w) => [...w].length >= 4,
    );
    expect(words.length).toBeGreaterThan(40);
    expect(words.filter((word) => masked.includes(word))).toEqual([]);
  });

  it("when the demo's production names are masked, then no three letters of a name stay in place", () => {
    const inPlace = productionEntries.flatMap((e) => {
      const before = [...e.name];
      const after = [...masker.maskText(e.name)];
      const kept = letterRuns(before).filter((i) => [0, 1, 2].every((k) => before[i + k] === after[i + k]));
      return kept.map((i) => `${e.name} at ${i}`);
    });
    expect(inPlace).toEqual([]);
  });

  it('when the newest entry, 🦄 Luna, is masked, then the unicorn and the space stay and the letters change', () => {
    const masked = masker.maskText('🦄 Luna');
    expect(masked.slice(0, 3)).toBe('🦄 ');
    expect(masked).toMatch(/^🦄 \p{Lu}\p{Ll}{3}$/u);
    expect(masked).not.toBe('🦄 Luna');
  });
});
