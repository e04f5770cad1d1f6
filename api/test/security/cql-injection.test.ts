import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** Strings that would change a query if they were ever pasted into CQL instead of bound to a marker. */
const INJECTIONS = [
  "'); DROP KEYSPACE guestbook; --",
  "x', 'y', 'z'); INSERT INTO entries_by_id (id, day, name, message) VALUES (now(), 'd', 'evil', 'evil'); --",
  "' OR '1'='1",
  "'; TRUNCATE entries_by_day; //",
  '" ; DROP TABLE entries_by_id ; /*',
  'BEGIN BATCH DELETE FROM entries_by_id WHERE id = ? APPLY BATCH;',
  '? ? ? ?',
  ':name, :message',
  '$$ DROP KEYSPACE x $$',
  "0x00' AND token(id) > 0 ALLOW FILTERING --",
  'now()',
  "'\\'; DROP TABLE entry_days; --",
];

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['entries_by_day', 'entries_by_id', 'entry_days']) {
    const rs = await t.client.execute(`SELECT count(*) AS n FROM ${t.keyspace}.${table}`);
    counts[table] = Number(rs.first()?.get('n'));
  }
  return counts;
}

describe('CQL only through bound parameters', () => {
  it.each(INJECTIONS)(
    'when an entry says %j, then it is stored and read back as that text and nothing else changes',
    async (text) => {
      const before = await tableCounts();

      const created = await request(t.app)
        .post('/api/entries')
        .send({ name: text.slice(0, 80), message: text });
      const read = await request(t.app).get(`/api/entries/${created.body.id}`);

      expect(created.status).toBe(201);
      expect(read.body).toMatchObject({ id: created.body.id, name: text.slice(0, 80), message: text });
      // Exactly one new row per table (entry_days only grows on a new day), no deleted or extra rows.
      const after = await tableCounts();
      expect(after.entries_by_day).toBe(before.entries_by_day! + 1);
      expect(after.entries_by_id).toBe(before.entries_by_id! + 1);
      expect(after.entry_days).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(INJECTIONS)(
    'when an id, limit or cursor says %j, then it is refused with 400 before any query',
    async (text) => {
      const encoded = encodeURIComponent(text);

      expect((await request(t.app).get(`/api/entries/${encoded}`)).status).toBe(400);
      expect((await request(t.app).get(`/api/entries?limit=${encoded}`)).status).toBe(400);
      expect((await request(t.app).get(`/api/entries?cursor=${encoded}`)).status).toBe(400);
    },
  );

  it('when every query in the source is read, then none is assembled from values: values go to ? markers', () => {
    const src = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = (readdirSync(src, { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const cql = /(['`])\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|TRUNCATE|BEGIN|GRANT|USE)\b[^'`]*\1/g;
    const assembled: string[] = [];
    for (const file of files) {
      const code = readFileSync(join(src, file), 'utf8');
      for (const match of code.matchAll(cql)) {
        const literal = match[0];
        const after = code.slice(match.index + literal.length).trimStart();
        const before = code.slice(0, match.index).trimEnd();
        const interpolated = literal.startsWith('`') && literal.includes('${');
        if (interpolated || after.startsWith('+') || before.endsWith('+'))
          assembled.push(`${relative(src, join(src, file))}: ${literal}`);
      }
    }

    // The one exception: the keyspace name and replication cannot be bound in CQL DDL; both come from config.ts, whose
    // patterns allow only letters, digits, '_' and the replication syntax, and never from a request.
    expect(assembled).toEqual(['cassandra.ts: `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ${map}`']);
  });
});
