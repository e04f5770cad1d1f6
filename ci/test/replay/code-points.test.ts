import { describe, expect, it } from 'vitest';
import {
  codePointLabel,
  describeEntry,
  describeUnusual,
  hasUnusualCharacters,
  printable,
} from '../../entries/code-points.js';

describe('codePointLabel', () => {
  it.each([
    [0x1f984, 'U+1F984 UNICORN FACE'],
    [0x200d, 'U+200D ZERO WIDTH JOINER'],
    [0x202e, 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    [0xfeff, 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    [0x20bb7, 'U+20BB7 CJK UNIFIED IDEOGRAPH-20BB7'],
    [0xffff, 'U+FFFF <noncharacter-FFFF>'],
    [0x41, 'U+0041 LATIN CAPITAL LETTER A'],
  ])('when the code point is %s, then it is named %j', (cp, label) => {
    expect(codePointLabel(cp)).toBe(label);
  });
});

describe('describeUnusual', () => {
  it('when text is printable ASCII, then nothing is unusual', () => {
    expect(describeUnusual('Alice <alice@example.com> 100%')).toBe('');
    expect(hasUnusualCharacters('Bob Smith')).toBe(false);
    expect(hasUnusualCharacters("'); DROP KEYSPACE guestbook; --")).toBe(true);
  });

  it('when text has emoji, a joiner and a line feed, then each distinct one is named once, in order', () => {
    expect(describeUnusual('👩‍👩 hi\n👩')).toBe('U+1F469 WOMAN, U+200D ZERO WIDTH JOINER, U+000A LINE FEED');
  });

  it('when there are more than the limit, then the rest are counted', () => {
    expect(describeUnusual('αβγδ', 2)).toBe(
      'U+03B1 GREEK SMALL LETTER ALPHA, U+03B2 GREEK SMALL LETTER BETA, … and 2 more',
    );
  });
});

describe('printable', () => {
  it('when text holds a bidi override, the BOM and an unusual space, then they are shown as code points', () => {
    expect(printable('\u202Eevil\u202C\uFEFF\u00A0x')).toBe('⟨U+202E⟩evil⟨U+202C⟩⟨U+FEFF⟩⟨U+00A0⟩x');
  });

  it('when text holds emoji sequences and accents, then they stay as they are', () => {
    expect(printable('Zoë 👩‍👩‍👧‍👦 🦄')).toBe('Zoë 👩‍👩‍👧‍👦 🦄');
  });

  it('when text is long, then it is cut by code points, never inside a surrogate pair', () => {
    expect(printable('𝕏'.repeat(80), 3)).toBe('𝕏𝕏𝕏…');
  });
});

describe('describeEntry', () => {
  it('when an entry has an emoji name, then its id, its name and the code points are all in the description', () => {
    const description = describeEntry({ id: '5a0f6a40-0000-11f0-8000-000000000000', name: '🦄 Luna', message: 'hi' });

    expect(description).toBe('"🦄 Luna" (entry 5a0f6a40-0000-11f0-8000-000000000000) — name: U+1F984 UNICORN FACE');
  });
});
