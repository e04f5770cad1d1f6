import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (body: string | object, contentType = 'application/json') =>
  request(t.app)
    .post('/api/entries')
    .set('Content-Type', contentType)
    .send(typeof body === 'string' ? body : JSON.stringify(body));

/** A message a person can be shown as it is: one written sentence, not "name must …" built from a field's key. */
function expectSentence(message: string) {
  expect(message).toMatch(/^[A-Z].*\.$/s);
  expect(message).not.toMatch(/^(name|message|limit|cursor|id) /);
}

async function expectRejected(body: string | object, field: string | undefined, code = 'invalid_field') {
  const before = (await request(t.app).get('/api/entries?limit=100')).body;
  const res = await post(body);
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: { code, message: expect.any(String), ...(field ? { field } : {}) } });
  expectSentence(res.body.error.message);
  // Nothing stored, nothing changed.
  expect((await request(t.app).get('/api/entries?limit=100')).body).toEqual(before);
  return res.body.error.message as string;
}

describe('POST /api/entries rejects, naming the field', () => {
  it.each([
    ['a missing name', { message: 'm' }, 'name'],
    ['a missing message', { name: 'n' }, 'message'],
    ['a name that is a number', { name: 42, message: 'm' }, 'name'],
    ['a message that is null', { name: 'n', message: null }, 'message'],
    ['a message that is an array', { name: 'n', message: ['m'] }, 'message'],
    ['an extra field', { name: 'n', message: 'm', admin: true }, 'admin'],
    ['an empty name', { name: '', message: 'm' }, 'name'],
    ['an empty message', { name: 'n', message: '' }, 'message'],
    ['a name of 81 code points', { name: '😀'.repeat(81), message: 'm' }, 'name'],
    ['a message of 2001 code points', { name: 'n', message: 'x'.repeat(2001) }, 'message'],
    ['a newline in the name', { name: 'a\nb', message: 'm' }, 'name'],
    ['a tab in the name', { name: 'a\tb', message: 'm' }, 'name'],
    ['a NUL in the message', { name: 'n', message: 'a\u0000b' }, 'message'],
    ['an escape sequence in the message', { name: 'n', message: '\u001b[31mred' }, 'message'],
    ['a C1 control (NEL) in the message', { name: 'n', message: 'a\u0085b' }, 'message'],
    ['DEL in the name', { name: 'a\u007f', message: 'm' }, 'name'],
  ])('when the body has %s', async (_what, body, field) => {
    await expectRejected(body, field);
  });

  it('when the name holds a lone surrogate, then it is refused rather than stored as U+FFFD', async () => {
    const message = await expectRejected('{"name":"x\\ud83e","message":"m"}', 'name');
    expect(message).toMatch(/surrogate/);
  });

  it('when the message holds a lone low surrogate, then it is refused', async () => {
    await expectRejected('{"name":"n","message":"\\udc00 tail"}', 'message');
  });

  it('when the body is not valid JSON, then it answers invalid_json', async () => {
    await expectRejected('{"name": "n", "message": ', undefined, 'invalid_json');
  });

  it('when the body is JSON but not an object, then it says so', async () => {
    await expectRejected('["n", "m"]', undefined);
  });

  it('when the body is not valid UTF-8, then it is refused rather than decoded with replacement characters', async () => {
    const res = await request(t.app)
      .post('/api/entries')
      .set('Content-Type', 'application/json')
      // Sent as raw bytes: the default serializer would JSON-encode the Buffer object.
      .serialize((bytes: Buffer) => bytes as unknown as string)
      .send(Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","message":"m"}')]));

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_utf8', message: expect.any(String) } });
  });

  it('when the body is over 16 KiB, then it answers 413', async () => {
    const res = await post({ name: 'n', message: 'x'.repeat(17 * 1024) });

    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
  });

  it('when the body is not sent as JSON, then it answers 415', async () => {
    const res = await post('name=n&message=m', 'application/x-www-form-urlencoded');

    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });
});

describe('POST /api/entries accepts the edges of the rules', () => {
  it('when the name is exactly 80 astral code points (160 UTF-16 units), then it is stored', async () => {
    const name = '𝒜'.repeat(80);
    const res = await post({ name, message: 'm' });

    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
  });

  it('when the message is exactly 2000 code points with CR, LF and tabs, then it is stored exactly', async () => {
    const message = 'a\r\n\t'.repeat(500);
    const res = await post({ name: 'n', message });

    expect(res.status).toBe(201);
    expect(res.body.message).toBe(message);
  });

  it('when CQL and markup arrive as text, then they are stored as text', async () => {
    const name = "'); DROP KEYSPACE guestbook; --";
    const message = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const res = await post({ name, message });
    const read = await request(t.app).get(`/api/entries/${res.body.id}`);

    expect(read.body).toMatchObject({ name, message });
  });
});

describe('GET /api/entries rejects bad parameters', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['colour=blue', 'colour'],
  ])('when the query is %s', async (query, field) => {
    const res = await request(t.app).get(`/api/entries?${query}`);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_query', message: expect.any(String), field } });
    expectSentence(res.body.error.message);
  });
});

describe('error messages are written for the field they name', () => {
  it.each([
    [{ message: 'm' }, 'name', 'The name is missing.'],
    [{ name: 'n', message: 7 }, 'message', 'The message must be text.'],
    [{ name: '', message: 'm' }, 'name', 'Please write a name.'],
    [
      { name: 'a\tb', message: 'm' },
      'name',
      'The name must not contain control characters, such as a line break or a tab.',
    ],
    [
      { name: 'n', message: 'a\u0000' },
      'message',
      'The message must not contain control characters other than line breaks and tabs.',
    ],
    [
      { name: '😀'.repeat(81), message: 'm' },
      'name',
      'The name is 81 characters long; the limit is 80 (counted in Unicode code points).',
    ],
    [
      { name: 'n', message: 'x'.repeat(2001) },
      'message',
      'The message is 2001 characters long; the limit is 2000 (counted in Unicode code points).',
    ],
    [
      { name: 'n', message: 'm', admin: true },
      'admin',
      'An entry has only a name and a message; the request body has another field.',
    ],
  ])('when the body is %j, then %s gets: %s', async (body, field, message) => {
    const res = await post(body);

    expect(res.body).toEqual({ error: { code: 'invalid_field', message, field } });
  });

  it('when the query has an unknown parameter or a bad limit, then the sentence says what the list takes', async () => {
    const message = async (query: string) => (await request(t.app).get(`/api/entries?${query}`)).body.error.message;

    expect(await message('colour=blue')).toBe('The list takes only the parameters limit and cursor.');
    expect(await message('limit=0')).toBe('The limit must be a whole number from 1 to 100.');
  });
});
