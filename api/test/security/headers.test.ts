import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let page: ReturnType<typeof createApp>;
const dist = mkdtempSync(join(tmpdir(), 'guestbook-headers-'));
beforeAll(async () => {
  t = await createTestApp();
  // A stand-in build of the page, so the test does not depend on web/dist having been built.
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><title>Guestbook</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(dist, 'assets', 'app.js'), 'export {};');
  page = createApp({
    client: t.client,
    logger: createLogger({ logLevel: 'silent' }),
    cursorSecret: Buffer.alloc(32, 1),
    rateLimitSignPerMinute: 1000,
    webDistDir: dist,
  });
});
afterAll(async () => {
  await t?.close();
  rmSync(dist, { recursive: true, force: true });
});

/**
 * The whole policy, directive by directive: everything from this origin only; no inline script or style, no eval, no
 * plugins, no framing, no <base> rewriting. Any loosening (a CDN, 'unsafe-inline', https:) fails here first.
 */
const STRICT_CSP = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

function directives(header: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

const routes: Array<[string, () => request.Test]> = [
  ['the page', () => request(page).get('/')],
  ['a page asset', () => request(page).get('/assets/app.js')],
  ['GET /api/entries', () => request(page).get('/api/entries')],
  [
    'a 400 from POST /api/entries',
    () => request(page).post('/api/entries').set('content-type', 'application/json').send('{'),
  ],
  ['a 404', () => request(page).get('/api/nothing-here')],
  ['/healthz', () => request(page).get('/healthz')],
];

describe('security headers', () => {
  it.each(routes)('when %s answers, then the CSP is the strict one', async (_what, send) => {
    const res = await send();

    expect(directives(res.headers['content-security-policy'])).toEqual(STRICT_CSP);
  });

  it.each(routes)(
    "when %s answers, then helmet's protections are on and nothing names the server",
    async (_what, send) => {
      const res = await send();

      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'x-dns-prefetch-control': 'off',
        'x-permitted-cross-domain-policies': 'none',
        'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers.server).toBeUndefined();
    },
  );

  it('when another origin asks, then no CORS header lets its scripts read or write entries', async () => {
    const preflight = await request(page)
      .options('/api/entries')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    const read = await request(page).get('/api/entries').set('Origin', 'https://evil.example');

    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when an error is answered, then the body is JSON without a stack trace or driver message', async () => {
    const res = await request(page).post('/api/entries').set('content-type', 'application/json').send('{"name":');

    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+|node_modules|SyntaxError/);
  });
});
