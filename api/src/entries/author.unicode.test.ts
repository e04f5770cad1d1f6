import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { FALLBACK_INITIALS, authorInitials, avatarUrl, withAuthor } from './author.js';

const graphemeCount = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].length;

// Names real people sign with. Each must give whole user-perceived characters, never half of a surrogate pair.
describe('authorInitials on names beyond ASCII', () => {
  it.each([
    ['an emoji first word', '🦄 Sparkle', '🦄S'],
    ['an emoji last word', 'Luna 🦄', 'L🦄'],
    ['a ZWJ family', '👨‍👩‍👧‍👦 Family', '👨‍👩‍👧‍👦F'],
    ['a flag', '🇺🇦 Olena', '🇺🇦O'],
    ['a skin tone', '👍🏽 thumbs', '👍🏽T'],
    ['a keycap', '1️⃣ First', '1️⃣F'],
    ['a combining accent', 'e\u0301mile zola', 'E\u0301Z'],
    ['a stack of combining marks', 'Z\u0351\u0352\u0353\u0354algo', 'Z\u0351\u0352\u0353\u0354A'],
    ['CJK beyond the BMP', '𠮷野家', '𠮷野'],
    ['mathematical letters beyond the BMP', '𝒜𝒷𝒸', '𝒜𝒷'],
    ['Arabic, right to left', 'محمد علي', 'مع'],
    ['a right-to-left override', '\u202Eevil\u202C twin', 'ET'],
    ['an isolate around the name', '\u2068Dana\u2069', 'DA'],
    ['a leading BOM and zero-width space', '\uFEFF\u200BZoë', 'ZO'],
    ['an ideographic space between words', '山田\u3000太郎', '山太'],
    ['a Devanagari conjunct', 'क्षत्रिय राज', 'क्षरा'],
    ['ß, whose upper case is two letters', 'ßtraße', 'ßT'],
  ])('when the name has %s, then the initials are whole graphemes', (_what, name, initials) => {
    expect(authorInitials(name)).toBe(initials);
  });

  it.each([
    ['only spaces', '   '],
    ['only invisible format characters', '\u200B\u200D\u202E'],
  ])('when the name is %s, then the initials fall back to a question mark', (_what, name) => {
    expect(authorInitials(name)).toBe(FALLBACK_INITIALS);
  });

  it('when the name is any well-formed text, then the initials are well-formed, at most two graphemes, and URL-safe', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (a, b) => {
          const name = `${a} ${b}`.toWellFormed();
          const initials = authorInitials(name);
          expect(initials.isWellFormed()).toBe(true);
          expect(graphemeCount(initials)).toBeLessThanOrEqual(2);
          expect(() => avatarUrl(initials)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('withAuthor when computing initials fails', () => {
  it('then that entry gets the fallback avatar instead of an error', () => {
    const stored = {
      id: '5a0f6a40-0000-11f0-8000-000000000000',
      name: 'n',
      message: 'm',
      createdAt: '2026-01-31T12:00:00.000Z',
    };

    const decorated = withAuthor(stored, () => {
      throw new URIError('URI malformed');
    });

    expect(decorated).toEqual({ ...stored, initials: '?', avatarUrl: '/api/avatars/%3F.svg' });
  });
});

describe('GET /api/entries with an emoji-initial name among ordinary ones', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('when the list is read, then it answers 200 with every entry and an avatar that can be fetched', async () => {
    await request(t.app).post('/api/entries').send({ name: 'Ada Lovelace', message: 'first' });
    const unicorn = await request(t.app).post('/api/entries').send({ name: '🦄 Sparkle', message: 'hi' });
    await request(t.app).post('/api/entries').send({ name: 'Bob', message: 'last' });

    const list = await request(t.app).get('/api/entries');
    const avatar = await request(t.app).get(unicorn.body.avatarUrl).buffer(true);

    expect(unicorn.status).toBe(201);
    expect(list.status).toBe(200);
    expect(list.body.entries.map((e: { initials: string }) => e.initials)).toEqual(['BO', '🦄S', 'AL']);
    expect(avatar.status).toBe(200);
    expect(String(avatar.body)).toContain('>🦄S</text>');
  });
});
