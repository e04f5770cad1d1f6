import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen, type LiveServer } from '../properties/support/live-server.js';

const SIGNS_PER_MINUTE = 3;

let t: TestApp;
const servers: LiveServer[] = [];
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await t?.close();
});

async function serve(trustProxy?: number | string[]): Promise<LiveServer> {
  const app = createApp({
    client: t.client,
    logger: createLogger({ logLevel: 'silent' }),
    cursorSecret: Buffer.alloc(32, 7),
    rateLimitSignPerMinute: SIGNS_PER_MINUTE,
    ...(trustProxy === undefined ? {} : { trustProxy }),
  });
  const server = await listen(app);
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A real request from a chosen loopback address (all of 127/8 is this machine), so the server sees another client. */
function send(
  url: string,
  method: 'GET' | 'POST',
  from: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = method === 'POST' ? JSON.stringify({ name: `from ${from}`, message: 'm' }) : undefined;
    const req = httpRequest(
      `${url}${method === 'POST' ? '/api/entries' : '/api/entries?limit=1'}`,
      { method, localAddress: from, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(Buffer.concat(parts).toString('utf8')),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sign = (url: string, from: string, headers?: Record<string, string>) => send(url, 'POST', from, headers);
const statuses = async (n: number, post: () => Promise<Answer>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await post()).status);
  return out;
};

describe('POST /api/entries rate limit per client address', () => {
  it('when one address signs more often than the limit, then it gets 429 JSON with Retry-After', async () => {
    const api = await serve();
    expect(await statuses(SIGNS_PER_MINUTE, () => sign(api.url, '127.0.0.1'))).toEqual([201, 201, 201]);

    const limited = await sign(api.url, '127.0.0.1');

    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('when one address is limited, then its reads still work and another address may still sign', async () => {
    const api = await serve();
    await statuses(SIGNS_PER_MINUTE + 1, () => sign(api.url, '127.0.0.1'));

    expect(await statuses(20, () => send(api.url, 'GET', '127.0.0.1'))).toEqual(Array(20).fill(200));
    expect((await sign(api.url, '127.0.0.2')).status).toBe(201);
  });

  it('when no proxy is trusted, then a client cannot escape the limit by sending X-Forwarded-For', async () => {
    const api = await serve();
    const spoofed = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` });
    let i = 0;

    expect(await statuses(SIGNS_PER_MINUTE + 2, () => sign(api.url, '127.0.0.1', spoofed(i++)))).toEqual([
      201, 201, 201, 429, 429,
    ]);
  });

  it('when the proxy in front is trusted, then each client behind it has a limit of its own', async () => {
    // The web container's nginx forwards every visitor from its own address and names the visitor in X-Forwarded-For.
    const api = await serve(['loopback']);
    const visitor = (address: string) => ({ 'x-forwarded-for': address });

    expect(await statuses(SIGNS_PER_MINUTE + 1, () => sign(api.url, '127.0.0.1', visitor('203.0.113.7')))).toEqual([
      201, 201, 201, 429,
    ]);
    expect((await sign(api.url, '127.0.0.1', visitor('198.51.100.9'))).status).toBe(201);
  });
});

describe('TRUST_PROXY', () => {
  it('when unset, then no proxy is trusted', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it.each([
    ['1', 1],
    ['uniquelocal', ['uniquelocal']],
    ['loopback, 10.0.0.0/8,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
  ])('when it is %j, then it is read as %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', 'everyone', '10.0.0.300'])(
    'when it is %j, then the configuration is refused naming TRUST_PROXY',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );
});
