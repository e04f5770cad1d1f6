import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import type { Entry, StoredEntry } from './entry.js';

let t: TestApp;
const DAY = 86_400_000;
let stored: StoredEntry[] = [];

beforeAll(async () => {
  t = await createTestApp();
  // 23 entries over five days partitions with gaps between them, plus two sharing one millisecond.
  const base = Date.UTC(2026, 0, 31, 12);
  const times = [
    0,
    1,
    2,
    3,
    3,
    5 * DAY,
    5 * DAY + 1,
    9 * DAY,
    30 * DAY,
    31 * DAY,
    ...Array.from({ length: 13 }, (_, i) => 40 * DAY + i),
  ];
  stored = [];
  for (const [i, offset] of times.entries())
    stored.push(await t.repository.insert({ name: `n${i}`, message: `m${i}` }, new Date(base - offset)));
});
afterAll(() => t.close());

async function readAll(limit: number): Promise<{ entries: Entry[]; pages: number }> {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = cursor ? `limit=${limit}&cursor=${encodeURIComponent(cursor)}` : `limit=${limit}`;
    const res = await request(t.app).get(`/api/entries?${query}`);
    expect(res.status).toBe(200);
    entries.push(...res.body.entries);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor);
  return { entries, pages };
}

describe('GET /api/entries paging', () => {
  it.each([1, 3, 7, 23, 100])(
    'when paging %i at a time across day partitions, then every entry comes once, newest first',
    async (limit) => {
      const newestFirst = [...stored].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1));

      const { entries, pages } = await readAll(limit);

      expect(entries.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
      expect(entries.map((e) => e.createdAt)).toEqual(newestFirst.map((e) => e.createdAt));
      expect(pages).toBe(Math.max(1, Math.ceil(stored.length / limit)));
    },
  );

  it('when the last page is full, then no cursor to an empty page is handed out', async () => {
    const res = await request(t.app).get('/api/entries?limit=23');

    expect(res.body.entries).toHaveLength(23);
    expect(res.body.nextCursor).toBeNull();
  });

  it('when the keyspace is empty, then the list is empty with no cursor', async () => {
    const empty = await createTestApp();
    try {
      const res = await request(empty.app).get('/api/entries');

      expect(res.body).toEqual({ entries: [], nextCursor: null });
    } finally {
      await empty.close();
    }
  });
});

describe('GET /api/entries with a forged cursor', () => {
  async function cursorAfterFirstPage(): Promise<string> {
    return (await request(t.app).get('/api/entries?limit=2')).body.nextCursor;
  }

  it('when the position inside a cursor is edited, then it answers 400 and no entries', async () => {
    const cursor = await cursorAfterFirstPage();
    const [, signature] = cursor.split('.');
    const forgedPosition = Buffer.from(JSON.stringify(['2099-01-01', '00000000-0000-1000-8000-000000000000'])).toString(
      'base64url',
    );

    const res = await request(t.app).get(`/api/entries?cursor=${forgedPosition}.${signature}`);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_cursor', message: expect.any(String), field: 'cursor' } });
  });

  it.each([
    ['truncated', (c: string) => c.slice(0, -3)],
    ['without a signature', (c: string) => c.split('.')[0]!],
    ['with an extra part', (c: string) => `${c}.x`],
    ['random text', () => 'hello'],
    ['empty', () => ''],
    ['signed with another secret', () => 'WyIyMDI2LTAxLTMxIiwiYSJd.bm90LXRoZS1zaWduYXR1cmUtd2UtbWFkZQ'],
  ])('when the cursor is %s, then it answers 400', async (_what, forge) => {
    const res = await request(t.app).get(
      `/api/entries?cursor=${encodeURIComponent(forge(await cursorAfterFirstPage()))}`,
    );

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_cursor');
  });

  it('when a cursor comes from an API with another secret, then it is refused', async () => {
    const other = await createTestApp({ cursorSecret: Buffer.from('another-secret-of-enough-length') });
    try {
      const foreign = (await request(other.app).get('/api/entries?limit=1')).body.nextCursor ?? 'x.y';
      const res = await request(t.app).get(`/api/entries?cursor=${encodeURIComponent(foreign)}`);

      expect(res.status).toBe(400);
    } finally {
      await other.close();
    }
  });
});
