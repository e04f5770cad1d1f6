import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMasker, MaskingKeyError } from '../../snapshot/masking/index.js';
import { KeyedRandom } from '../../snapshot/masking/keyed-random.js';

const KEY = 'unit-test-masking-key-01';
const masker = createMasker({ key: KEY });

describe('createMasker', () => {
  it('when the key is shorter than 16 bytes, then it refuses it without echoing it', () => {
    expect(() => createMasker({ key: 'hunter2' })).toThrow(MaskingKeyError);
    expect(() => createMasker({ key: 'hunter2' })).toThrow(/at least 16 bytes long; this one has 7$/);
  });

  it('when two maskers share a key, then they mask alike and share a fingerprint; another key differs in both', () => {
    const again = createMasker({ key: Buffer.from(KEY) });
    const other = createMasker({ key: `${KEY}x` });
    expect(again.maskText('Anna Becker')).toBe(masker.maskText('Anna Becker'));
    expect(again.fingerprint).toBe(masker.fingerprint);
    expect(other.maskText('Anna Becker')).not.toBe(masker.maskText('Anna Becker'));
    expect(other.fingerprint).not.toBe(masker.fingerprint);
  });

  it('when the fingerprint is read, then it names algorithm and tables and does not contain the key', () => {
    expect(masker.fingerprint).toMatch(/^shape-v1\/unicode-17\.0\/[0-9a-f]{16}$/);
    expect(masker.fingerprint).not.toContain(KEY);
    expect(masker.fingerprint).not.toContain(Buffer.from(KEY).toString('hex'));
  });
});

describe('maskText', () => {
  it.each([
    ['the empty string', ''],
    ['only emoji, spaces and punctuation', '🦄 🇺🇦 — 👩\u200d👩\u200d👧!'],
    ['a keycap', '1\ufe0f\u20e3'],
  ])('when the value has no letter or free digit (%s), then it comes back as it is', (_what, value) => {
    expect(masker.maskText(value)).toBe(value);
  });

  it('when the same name is masked twice, then both give the same text; another name gives another text', () => {
    expect(masker.maskText('Olena')).toBe(masker.maskText('Olena'));
    expect(masker.maskText('Olena')).not.toBe(masker.maskText('Olena '));
  });

  it('when a letter carries a combining accent (NFD), then it becomes a letter that composes with that accent', () => {
    const masked = masker.maskText('Ame\u0301lie');
    expect(masked.normalize('NFD')).toBe(masked);
    expect(masked.normalize('NFC')).not.toBe(masked);
    expect(masked.at(3)).toBe('\u0301');
  });

  it('when the value is Korean as syllables or as jamo, then it stays Korean in the same normalization form', () => {
    const syllables = masker.maskText('김철수');
    const jamo = masker.maskText('\u1100\u1175\u11b7');
    expect(syllables).toMatch(/^\p{Script=Hangul}{3}$/u);
    expect(syllables).not.toBe('김철수');
    expect(jamo.normalize('NFD')).toBe(jamo);
    expect(jamo.normalize('NFC')).toHaveLength(1);
  });

  it('when a digit is part of a keycap, then it stays; a free digit becomes a digit of the same system', () => {
    const masked = masker.maskText('1\ufe0f\u20e3 room 42 ٤٢');
    expect(masked.startsWith('1\ufe0f\u20e3 ')).toBe(true);
    expect(masked).toMatch(/^1\ufe0f\u20e3 \p{Ll}{4} [0-9]{2} [٠-٩]{2}$/u);
  });

  it('when letters have no class-mate (ß, İ: their case mappings are unique), then they are kept', () => {
    expect(masker.maskText('ßßß İİ')).toBe('ßßß İİ');
  });
});

describe('KeyedRandom', () => {
  it('when a value is seeded, then the seed is HMAC-SHA256 of its UTF-8 under the key with top bits cleared', () => {
    const material = Buffer.alloc(32, 0xff);
    const random = new KeyedRandom(material);
    const reference = new KeyedRandom(Buffer.alloc(32, 0x7f));
    const digest = createHmac('sha256', Buffer.alloc(32, 0x7f)).update('Zoë 👩\u200d👩\u200d👧', 'utf8').digest();
    random.seed('Zoë 👩\u200d👩\u200d👧');
    reference.seed('Zoë 👩\u200d👩\u200d👧');
    const draws = Array.from({ length: 5 }, () => random.next());
    expect(draws).toEqual(Array.from({ length: 5 }, () => reference.next()));
    expect(sfc32Draws(digest, 5)).toEqual(draws);
  });
});

/** sfc32 written out independently: seeded with the digest's first 16 bytes, 12 draws discarded. */
function sfc32Draws(digest: Buffer, count: number): number[] {
  let [a, b, c, d] = [0, 4, 8, 12].map((at) => digest.readUInt32LE(at)) as [number, number, number, number];
  const out: number[] = [];
  for (let i = 0; i < 12 + count; i++) {
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + (c << 3)) >>> 0;
    c = (((c << 21) | (c >>> 11)) + t) >>> 0;
    if (i >= 12) out.push(t);
  }
  return out;
}
