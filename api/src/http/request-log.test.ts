import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger, type LoggerOptions } from '../logger.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((app) => app.close())));

/** The real app with its log going to a stream the test reads, one string per line. */
async function appLogging(options: Omit<LoggerOptions, 'destination'>) {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  const app = await createTestApp({ logger: createLogger({ ...options, destination: stream }) });
  apps.push(app);
  return { app: app.app, lines };
}

describe('the request log', () => {
  it('when a person reads it in a terminal, then a request is a line: method, path, status, milliseconds', async () => {
    const { app, lines } = await appLogging({ logLevel: 'info', logFormat: 'pretty' });

    await request(app).get('/api/entries?limit=1').set('Cookie', 'session=secret');
    await request(app).get('/api/entries/not-an-id');

    await vi.waitFor(() => expect(lines).toHaveLength(2));
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/entries\?limit=1 200 \d+ ms$/);
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/entries\/not-an-id 400 \d+ ms$/);
  });

  it('when probes ask /healthz and /readyz, then nothing is logged for them', async () => {
    const { app, lines } = await appLogging({ logLevel: 'info', logFormat: 'pretty' });

    await request(app).get('/healthz');
    await request(app).get('/readyz');
    await request(app).get('/api/entries?limit=1');

    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(lines[0]).toContain('GET /api/entries?limit=1 200');
  });

  it('when a machine reads it, then each request is one JSON line with the same message and no headers', async () => {
    const { app, lines } = await appLogging({ logLevel: 'info', logFormat: 'json' });

    await request(app).get('/api/entries?limit=1').set('Cookie', 'session=secret');

    await vi.waitFor(() => expect(lines).toHaveLength(1));
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/^GET \/api\/entries\?limit=1 200 \d+ ms$/),
      responseTime: expect.any(Number),
    });
    expect(line.req).toEqual({ id: expect.anything(), method: 'GET', url: '/api/entries?limit=1' });
    expect(line.res).toEqual({ statusCode: 200 });
  });

  it('when the level is debug, then request and response headers are logged, credentials redacted', async () => {
    const { app, lines } = await appLogging({ logLevel: 'debug', logFormat: 'json' });

    await request(app).get('/api/entries?limit=1').set('Cookie', 'session=secret');

    await vi.waitFor(() => expect(lines).toHaveLength(1));
    const line = JSON.parse(lines[0]!);
    expect(line.req.headers).toMatchObject({ cookie: '[Redacted]' });
    expect(line.res.headers).toMatchObject({ 'content-type': expect.stringContaining('application/json') });
  });
});
