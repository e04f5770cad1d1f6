import cassandra from 'cassandra-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createLogger } from '../logger.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /healthz and /readyz', () => {
  it('when Cassandra answers, then both are 200', async () => {
    expect((await request(t.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(t.app).get('/readyz');

    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('when Cassandra cannot be reached, then /readyz is 503, /healthz stays 200 and the API answers 503 JSON', async () => {
    // A real driver pointed at a port where no Cassandra listens.
    const client = new cassandra.Client({ contactPoints: ['127.0.0.1:1'], localDataCenter: 'datacenter1' });
    const app = createApp({
      client,
      logger: createLogger({ logLevel: 'silent' }),
      cursorSecret: Buffer.alloc(32),
      rateLimitSignPerMinute: 10,
    });
    try {
      const ready = await request(app).get('/readyz');
      const health = await request(app).get('/healthz');
      const list = await request(app).get('/api/entries');

      expect(ready.status).toBe(503);
      expect(health.status).toBe(200);
      expect(list.status).toBe(503);
      expect(list.headers['retry-after']).toBe('5');
      expect(list.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    } finally {
      await client.shutdown();
    }
  });
});

describe('security headers', () => {
  it('when any route answers, then a CSP forbids inline script and nothing advertises Express', async () => {
    const res = await request(t.app).get('/healthz');

    const directives = String(res.headers['content-security-policy']).split(';');
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("script-src-attr 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('compression', () => {
  it('when a client accepts gzip and the list is large, then it is sent gzipped', async () => {
    const long = { name: 'gzip', message: 'x'.repeat(1000) };
    await Promise.all(Array.from({ length: 10 }, () => request(t.app).post('/api/entries').send(long)));

    const res = await request(t.app).get('/api/entries?limit=10').set('Accept-Encoding', 'gzip');

    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.entries).toHaveLength(10);
  });

  it('when the list is small, then it is sent as it is: it fits the first round trip anyway', async () => {
    const res = await request(t.app).get('/api/entries?limit=2').set('Accept-Encoding', 'gzip, br');

    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.entries).toHaveLength(2);
  });
});
