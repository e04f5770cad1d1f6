import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHostileCorpus } from '../../seed/corpus.js';
import { TextColumnProfiler, type ColumnProfile } from '../../snapshot/profile/text-column-profiler.js';
import { unicodeTables, type UnicodeTables } from '../../snapshot/profile/unicode-tables.js';

let unicode: UnicodeTables;
beforeAll(async () => {
  unicode = await unicodeTables();
});

/** Write times in µs: value i written at second i after a fixed instant. */
const at = (second: number) => (1_764_000_000 + second) * 1_000_000;

function profileOf(values: string[]): ColumnProfile {
  const profiler = new TextColumnProfiler(unicode, 'entries_by_id', 'name');
  values.forEach((v, i) => profiler.add(v, at(i)));
  return profiler.toJSON();
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemeCount = (text: string) => [...segmenter.segment(text)].length;

describe('TextColumnProfiler on the hostile corpus', () => {
  const corpus = loadHostileCorpus().flatMap((e) => [e.name, e.message]);

  it('when every corpus value is profiled alone, then its grapheme and byte counts are the segmenter and UTF-8 ones', () => {
    for (const text of corpus) {
      const profile = profileOf([text]);
      expect(profile.graphemes.max, JSON.stringify(text)).toBe(graphemeCount(text));
      expect(profile.utf8Bytes.max).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('when the corpus is profiled, then it finds its scripts, emoji kinds, invisibles and unnormalized text', () => {
    const profile = profileOf(corpus);
    expect(Object.keys(profile.scripts)).toEqual(
      expect.arrayContaining(['Latin', 'Arabic', 'Hebrew', 'Han', 'Devanagari', 'Common', 'Inherited']),
    );
    // The corpus has no keycap; the hand-built cases below cover it.
    expect(Object.keys(profile.emoji).sort()).toEqual(['flag', 'skin-tone', 'tag', 'zwj']);
    expect(profile.invisibles['U+202E']).toMatchObject({ bidi: true });
    expect(profile.invisibles['U+200B']).toMatchObject({ bidi: false });
    expect(profile.invisibles['U+FEFF']).toBeDefined();
    expect(profile.normalization['not-NFC']).toBeDefined();
    expect(profile.sequences['👩\u200d👩\u200d👧\u200d👦']).toMatchObject({ kind: 'zwj', values: 1 });
    // Olena's name and her message both hold it.
    expect(profile.sequences['🇺🇦']).toMatchObject({ kind: 'flag', values: 2 });
  });
});

describe('TextColumnProfiler on hand-built values', () => {
  it('when a shape appears in several values, then it counts values (not occurrences) and keeps the earliest write', () => {
    const profiler = new TextColumnProfiler(unicode, 't', 'c');
    profiler.add('ok', at(5));
    profiler.add('తెలుగు తెలుగు', at(9));
    profiler.add('నమస్కారం', at(3));
    const profile = profiler.toJSON();
    expect(profile.scripts.Telugu).toEqual({ values: 2, firstSeen: new Date(at(3) / 1000).toISOString() });
    expect(profile.scripts.Latin).toEqual({ values: 1, firstSeen: new Date(at(5) / 1000).toISOString() });
    expect(profile.values).toBe(3);
  });

  it.each([
    ['👩\u200d👩\u200d👧\u200d👦', ['zwj']],
    ['👩🏽\u200d💻', ['zwj', 'skin-tone']],
    ['🇯🇵', ['flag']],
    ['1\ufe0f\u20e3', ['keycap']],
    ['🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', ['tag']],
    ['👋🏿', ['skin-tone']],
    ['🦄', []],
  ])('when the value is %s, then its emoji kinds are %j', (text, kinds) => {
    expect(Object.keys(profileOf([`hi ${text}`]).emoji).sort()).toEqual([...kinds].sort());
  });

  it('when a value is decomposed or uses compatibility characters, then the forms it is not in are counted', () => {
    expect(Object.keys(profileOf(['e\u0301']).normalization).sort()).toEqual(['not-NFC', 'not-NFKC']);
    expect(Object.keys(profileOf(['\ufb01ne']).normalization).sort()).toEqual(['not-NFKC', 'not-NFKD']);
    // A canonical decomposition whose part has a compatibility one (U+00A8 in U+1FC1): not NFKC either.
    expect(Object.keys(profileOf(['\u1fc1']).normalization).sort()).toEqual(['not-NFD', 'not-NFKC', 'not-NFKD']);
    expect(profileOf(['plain ASCII', 'é']).normalization).toEqual({
      'not-NFD': { values: 1, firstSeen: expect.any(String) },
      'not-NFKD': { values: 1, firstSeen: expect.any(String) },
    });
  });

  it('when CR LF ends a line, then it is one grapheme, as UAX #29 says', () => {
    expect(profileOf(['a\r\nb']).graphemes.max).toBe(3);
    expect(profileOf(['a\n\rb']).graphemes.max).toBe(4);
  });

  it('when lengths are spread, then percentiles are nearest-rank and the maximum is exact', () => {
    const profile = profileOf(Array.from({ length: 100 }, (_, i) => 'x'.repeat(i + 1)));
    expect(profile.graphemes).toMatchObject({ p50: 50, p90: 90, p99: 99, p999: 100, max: 100 });
    expect(profile.graphemes.buckets).toHaveLength(100);
  });

  it('when the values are arbitrary Unicode, then the grapheme count always equals Intl.Segmenter', () => {
    // Joiners, regional indicators, Indic conjuncts, CR LF and marks next to each other, among any code points.
    const joining = fc.constantFrom(
      '\r',
      '\n',
      '\u200d',
      '👩',
      '🇺',
      '🇦',
      'क',
      '\u094d',
      'ष',
      '\u0301',
      '\ufe0f',
      '\u{1F3FD}',
      ' ',
      'a',
    );
    const text = fc
      .array(fc.oneof(joining, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 16 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(profileOf([value]).graphemes.max).toBe(graphemeCount(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('when the values are arbitrary Unicode, then the forms counted are exactly those String.normalize changes', () => {
    // Marks, Hangul jamo and syllables, composition exclusions and compatibility characters, among any code points.
    const tricky = fc.constantFrom(
      'e',
      '\u0301',
      '\u0323',
      '\u1100',
      '\u1161',
      '\u11a8',
      '\uac00',
      '\u0958',
      '\u212b',
      '\ufb01',
      '\u0344',
      'Å',
    );
    const text = fc
      .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 12 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, (value) => {
        const expected = (['NFC', 'NFKC', 'NFD', 'NFKD'] as const)
          .filter((f) => value.normalize(f) !== value)
          .map((f) => `not-${f}`);
        expect(Object.keys(profileOf([value]).normalization).sort()).toEqual(expected.sort());
      }),
      { numRuns: 3000 },
    );
  });
});
