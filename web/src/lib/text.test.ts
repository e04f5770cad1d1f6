import { describe, expect, it } from 'vitest';
import { codePointLength } from './text';

describe('codePointLength', () => {
  it('counts code points as the API does, not UTF-16 units or graphemes', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('Zoë')).toBe(3);
    expect(codePointLength('𠮷')).toBe(1); // one code point, two UTF-16 units
    expect('𠮷'.length).toBe(2);
    expect(codePointLength('👨‍👩‍👧‍👦')).toBe(7); // one grapheme: four people joined by three ZWJs
    expect(codePointLength('e\u0301')).toBe(2); // e + combining acute
  });

  it('agrees with [...s].length on every kind of text', () => {
    for (const s of ['abc', '🇺🇦🏳️‍🌈', '\u202Eevil', 'שלום', 'a\u200Bb', '\uFEFF'])
      expect(codePointLength(s)).toBe([...s].length);
  });
});
