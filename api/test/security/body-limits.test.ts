import { gzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { servedTestApp } from '../support/served-test-app.js';

const api = servedTestApp();

const LIMIT = 16 * 1024;
const errorBody = (code: string) => ({ error: { code, message: expect.any(String) } });

/** A valid entry padded with JSON whitespace to exactly `size` bytes. */
function entryOfSize(size: number): Buffer {
  const body = JSON.stringify({ name: 'padded', message: 'm' });
  return Buffer.from(' '.repeat(size - body.length) + body);
}

/** Sends a body in chunks without Content-Length, as a streaming client would. */
function postChunked(path: string, chunks: Buffer[]): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${api.url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) }),
        );
      },
    );
    // The server may answer and close before every chunk is written.
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('POST /api/entries body limit (16 KiB)', () => {
  it('when the body is exactly 16 KiB, then it is accepted', async () => {
    const res = await api.post('/api/entries', entryOfSize(LIMIT));

    expect(res.status).toBe(201);
  });

  it('when the body is one byte over 16 KiB, then it is refused with 413 JSON', async () => {
    const res = await api.post('/api/entries', entryOfSize(LIMIT + 1));

    expect(res.status).toBe(413);
    expect(res.json).toEqual(errorBody('payload_too_large'));
  });

  it('when a chunked body without Content-Length grows past 16 KiB, then it is refused with 413 JSON', async () => {
    const res = await postChunked(
      '/api/entries',
      Array.from({ length: 40 }, () => Buffer.from(' '.repeat(1024))),
    );

    expect(res).toEqual({ status: 413, body: errorBody('payload_too_large') });
  });

  it('when a gzip body is small but inflates past 16 KiB, then the limit applies to the inflated size', async () => {
    const bomb = gzipSync(entryOfSize(10 * 1024 * 1024));
    const res = await api.post('/api/entries', bomb, { 'content-encoding': 'gzip' });

    expect(bomb.length).toBeLessThan(LIMIT);
    expect(res.status).toBe(413);
    expect(res.json).toEqual(errorBody('payload_too_large'));
  });

  it('when a small gzip body holds a valid entry, then it is stored', async () => {
    const res = await api.post('/api/entries', gzipSync(JSON.stringify({ name: 'gzip', message: 'über' })), {
      'content-encoding': 'gzip',
    });

    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'gzip', message: 'über' });
  });

  it('when the body claims an encoding the API does not know, then it is refused with 415 JSON', async () => {
    const res = await api.post('/api/entries', JSON.stringify({ name: 'n', message: 'm' }), {
      'content-encoding': 'compress',
    });

    expect(res.status).toBe(415);
    expect(res.json).toEqual(errorBody(expect.any(String) as unknown as string));
  });

  it('when the request line and headers exceed 16 KiB, then Node refuses the request before the API sees it (431)', async () => {
    const res = await api.get(`/api/entries?cursor=${'a'.repeat(LIMIT + 1)}`);

    expect(res.status).toBe(431);
  });
});

describe('POST /api/entries content type', () => {
  it.each([
    ['text/plain (what a cross-site form can send without a preflight)', 'text/plain'],
    ['a form encoding', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['no content type', ''],
  ])('when the body is JSON sent as %s, then it is refused with 415', async (_what, contentType) => {
    const res = await api.post('/api/entries', JSON.stringify({ name: 'csrf', message: 'm' }), {
      'content-type': contentType,
    });

    expect(res.status).toBe(415);
    expect(res.json).toEqual(errorBody('unsupported_media_type'));
  });

  it.each(['utf-16', 'iso-8859-1', 'windows-1252'])(
    'when JSON is declared in charset %s, then it is refused rather than read as UTF-8',
    async (charset) => {
      // "Ã©" in Latin-1 is the bytes C3 A9, which as UTF-8 read "é": stored, it would be text the sender never meant.
      const res = await api.post('/api/entries', Buffer.from('{"name":"Ã©","message":"m"}', 'latin1'), {
        'content-type': `application/json; charset=${charset}`,
      });

      expect(res.status).toBe(415);
      expect(res.json).toEqual(errorBody('unsupported_media_type'));
    },
  );

  it('when JSON is declared in charset utf-8, then it is accepted', async () => {
    const res = await api.post('/api/entries', JSON.stringify({ name: 'é', message: 'm' }), {
      'content-type': 'application/json; charset=UTF-8',
    });

    expect(res.status).toBe(201);
  });
});
