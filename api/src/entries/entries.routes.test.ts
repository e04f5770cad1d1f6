import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('POST /api/entries', () => {
  it('when the entry is valid, then it answers 201 with the stored entry and its Location', async () => {
    const res = await request(t.app).post('/api/entries').send({ name: 'Ada', message: 'Hello\nworld' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Ada',
      message: 'Hello\nworld',
      createdAt: expect.stringMatching(ISO),
      initials: 'AD',
      avatarUrl: '/api/avatars/AD.svg',
    });
    expect(res.headers.location).toBe(`/api/entries/${res.body.id}`);
  });

  it('when the text has spaces, emoji and unusual characters, then it is stored and returned exactly as sent', async () => {
    const name = '  Zoë 👩‍👩‍👧‍👦 \u202Eevil\u202C ';
    const message = '\uFEFFe\u0301 vs é — 𠜎𠜱 \u2028 line\r\n\ttab 🇺🇦 👍🏽 ';

    const created = await request(t.app).post('/api/entries').send({ name, message });
    const fetched = await request(t.app).get(`/api/entries/${created.body.id}`);
    const listed = await request(t.app).get('/api/entries');

    expect(created.body).toMatchObject({ name, message });
    expect(fetched.body).toEqual(created.body);
    expect(listed.body.entries).toContainEqual(created.body);
  });
});

describe('GET /api/entries/:id', () => {
  it('when the entry exists, then it answers 200 with it', async () => {
    const created = await request(t.app).post('/api/entries').send({ name: 'Bo', message: 'hi' });

    const res = await request(t.app).get(created.headers.location!);

    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
  });

  it('when no entry has that id, then it answers 404 with a JSON error', async () => {
    const res = await request(t.app).get('/api/entries/5a0f6a40-0000-11f0-8000-000000000000');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('when the id is not an entry id, then it answers 400 naming the id', async () => {
    const res = await request(t.app).get('/api/entries/not-an-id');

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_id', message: expect.any(String), field: 'id' } });
  });
});

describe('GET /api/entries', () => {
  it('when entries were signed, then the newest comes first', async () => {
    const first = await request(t.app).post('/api/entries').send({ name: 'first', message: '1' });
    const second = await request(t.app).post('/api/entries').send({ name: 'second', message: '2' });

    const res = await request(t.app).get('/api/entries?limit=2');

    expect(res.status).toBe(200);
    expect(res.body.entries).toEqual([second.body, first.body]);
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });

  it('when no limit is given, then a page holds 20 entries', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        request(t.app)
          .post('/api/entries')
          .send({ name: `n${i}`, message: 'm' }),
      ),
    );

    const res = await request(t.app).get('/api/entries');

    expect(res.body.entries).toHaveLength(20);
  });
});

describe('unknown routes', () => {
  it('when an API route does not exist, then the answer is a JSON 404, not HTML', async () => {
    const res = await request(t.app).get('/api/nope');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('not_found');
  });
});
