import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedTestApp } from '../support/served-test-app.js';
import { hostileShortText, runs } from './support/hostile-text.js';

const api = servedTestApp();
let realCursor: string;
beforeAll(async () => {
  for (let i = 0; i < 3; i++) await api.post('/api/entries', JSON.stringify({ name: `n${i}`, message: 'm' }));
  realCursor = ((await api.get('/api/entries?limit=1')).json as { nextCursor: string }).nextCursor;
});

const errorBody = (field?: string) => ({
  error: { code: expect.any(String), message: expect.any(String), ...(field ? { field } : {}) },
});

// Percent-encodes everything; a lone surrogate (which encodeURIComponent refuses) goes out as its CESU-8 bytes.
const percentEncode = (s: string) =>
  [...s].map((c) => (c.isWellFormed() ? encodeURIComponent(c) : '%ED%A0%80')).join('');

// URLs stay well below Node's 16 KiB header limit (past it Node itself answers 431; see the security tests).

/** Cursors a client could send: cut, edited or extended real ones, and made-up text of every kind. */
const hostileCursor = fc.oneof(
  hostileShortText,
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.=') }),
  fc
    .tuple(fc.nat(), fc.string({ maxLength: 3 }))
    .map(([at, s]) => realCursor.slice(0, at % (realCursor.length + 1)) + s),
  fc.tuple(fc.nat(), fc.constantFrom(...'AZaz09-_.')).map(([at, c]) => {
    const i = at % realCursor.length;
    return realCursor.slice(0, i) + c + realCursor.slice(i + 1);
  }),
);

describe('GET /api/entries with any query (property)', () => {
  it('when limit and cursor are anything, then the answer is a page or a 400 naming the parameter, never a 5xx', async () => {
    const query = fc.record(
      {
        limit: fc.option(fc.oneof(fc.integer().map(String), hostileShortText), { nil: undefined }),
        cursor: fc.option(hostileCursor, { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async ({ limit, cursor }) => {
        const parts = [
          limit === undefined ? '' : `limit=${percentEncode(limit)}`,
          cursor === undefined ? '' : `cursor=${percentEncode(cursor)}`,
        ];
        const res = await api.get(`/api/entries?${parts.filter(Boolean).join('&')}`);

        expect(res.status, res.text).toBeOneOf([200, 400]);
        if (res.status === 200)
          expect(res.json).toEqual({
            entries: expect.any(Array),
            nextCursor: expect.toBeOneOf([null, expect.any(String)]),
          });
        else expect(res.json).toEqual(errorBody(expect.toBeOneOf(['limit', 'cursor']) as unknown as string));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('GET /api/entries/:id with any id (property)', () => {
  it('when the id is any text or any UUID version, then the answer is the entry, 404 or 400, never a 5xx', async () => {
    const id = fc.oneof(
      hostileShortText.filter((s) => s.length > 0),
      fc.uuid(),
      fc.uuid({ version: 1 }),
      fc.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    );
    await fc.assert(
      fc.asyncProperty(id, async (value) => {
        const res = await api.get(`/api/entries/${percentEncode(value)}`);

        expect(res.status, `${value} → ${res.text}`).toBeOneOf([200, 400, 404]);
        expect(res.json).toMatchObject(res.status === 200 ? { id: value } : errorBody());
      }),
      { numRuns: runs(300) },
    );
  });
});
