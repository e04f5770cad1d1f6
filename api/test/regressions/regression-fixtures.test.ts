import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryWrites } from '../../src/entries/entry-rows.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Entries that broke a change on production data, shrunk to the fewest that still break it and committed by
// `npm run shrink` (ci/regressions/fixtures, one JSON-lines file per failure: a header line, then one entry per line).
// The API's own tests on dummy data load them all, so the next change that breaks on the same shape fails here.
const FIXTURES_DIR = join(import.meta.dirname, '..', '..', '..', 'ci', 'regressions', 'fixtures');

interface FixtureEntry {
  id: string;
  day: string;
  createdAt: string;
  name: string;
  message: string;
}

const files = existsSync(FIXTURES_DIR) ? readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.jsonl')) : [];
const fixtures = files.sort().map((file) => {
  const [, ...lines] = readFileSync(join(FIXTURES_DIR, file), 'utf8').split('\n').filter(Boolean);
  return { file, entries: lines.map((line) => JSON.parse(line) as FixtureEntry) };
});
const asStored = ({ id, name, message, createdAt }: FixtureEntry) => ({ id, name, message, createdAt });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Stored rows, as production held them: original ids (so times and day partitions), not signed anew.
  const rows = fixtures.flatMap((f) => f.entries);
  for (const { id, day, name, message } of rows) {
    for (const write of entryWrites({ id: cassandra.types.TimeUuid.fromString(id), day, name, message })) {
      await t.client.execute(write.query, write.params, { prepare: true });
    }
  }
});
afterAll(() => t?.close());

describe('committed regression fixtures (ci/regressions/fixtures)', () => {
  it('when the folder is read, then it holds at least one fixture with entries', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const fixture of fixtures) expect(fixture.entries.length, fixture.file).toBeGreaterThan(0);
  });

  it('when the list is read page by page, then it answers 200 and holds every fixture entry exactly as stored', async () => {
    const listed: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res = await request(t.app)
        .get('/api/entries')
        .query({ limit: 100, ...(cursor ? { cursor } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      listed.push(...res.body.entries);
      cursor = res.body.nextCursor;
    } while (cursor);

    const stored = fixtures.flatMap((f) => f.entries.map(asStored));
    expect(listed).toEqual(expect.arrayContaining(stored.map((entry) => expect.objectContaining(entry))));
  });

  for (const { file, entries } of fixtures) {
    it.each(entries.map((entry) => [entry.id, entry] as const))(
      `when entry %s of ${file} is read by id, then it answers 200 with the stored entry and an avatar that loads`,
      async (id, entry) => {
        const res = await request(t.app).get(`/api/entries/${id}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body).toEqual({ ...asStored(entry), initials: expect.any(String), avatarUrl: expect.any(String) });

        const avatar = await request(t.app).get(res.body.avatarUrl);
        expect(avatar.status).toBe(200);
        expect(avatar.headers['content-type']).toMatch(/^image\/svg\+xml/);
      },
    );
  }
});
