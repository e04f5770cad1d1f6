import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** supertest buffers only text/* and JSON as text; an SVG image is read as text here. */
const getSvg = (path: string) =>
  request(t.app)
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });

describe('GET /api/avatars/:initials.svg', () => {
  it('when the initials are plain letters, then it answers an SVG image showing them, cacheable for good', async () => {
    const res = await getSvg('/api/avatars/AL.svg');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*aria-label="AL">.*<text[^>]*>AL<\/text><\/svg>$/,
    );
  });

  it('when the initials are markup, then they are escaped as text and no element is injected', async () => {
    const res = await getSvg(`/api/avatars/${encodeURIComponent('<&')}.svg`);

    expect(res.status).toBe(200);
    expect(res.body).toContain('>&lt;&amp;</text>');
    expect(res.body).not.toContain('<&');
  });

  it('when the initials are a ZWJ family and a flag, then they are drawn whole', async () => {
    const res = await getSvg(`/api/avatars/${encodeURIComponent('👨‍👩‍👧‍👦🇺🇦')}.svg`);

    expect(res.status).toBe(200);
    expect(res.body).toContain('>👨‍👩‍👧‍👦🇺🇦</text>');
  });

  it.each([
    ['half of a surrogate pair', '%ED%A0%BD'],
    ['three characters', 'ABC'],
    ['a control character', '%07A'],
    ['a noncharacter XML forbids', '%EF%BF%BF'],
  ])('when the initials are %s, then it answers 400 and no picture', async (_what, encoded) => {
    const res = await request(t.app).get(`/api/avatars/${encoded}.svg`);

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('when the file is not an SVG, then it answers a JSON 404', async () => {
    const res = await request(t.app).get('/api/avatars/AL.png');

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
