import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createLogger } from '../logger.js';
import { listen, type LiveServer } from '../../test/properties/support/live-server.js';

const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(3000))};`;
const INDEX = '<!doctype html><title>Guestbook</title><script type="module" src="/assets/app-1a2b3c.js"></script>';

// A stand-in build with the .br and .gz files the build writes beside each file. They are made with other settings
// than compression() would use, so a byte-for-byte match proves the file was sent as built, not compressed again.
const dist = mkdtempSync(join(tmpdir(), 'guestbook-web-page-'));
const built: Record<string, Buffer> = {};
function writeBuilt(path: string, content: string): void {
  const raw = Buffer.from(content);
  built[path] = raw;
  built[`${path}.gz`] = gzipSync(raw, { level: 1 });
  built[`${path}.br`] = brotliCompressSync(raw);
  for (const suffix of ['', '.gz', '.br']) writeFileSync(join(dist, `${path}${suffix}`), built[`${path}${suffix}`]!);
}

// Static files need no database: a driver pointed where nothing listens.
const client = new cassandra.Client({ contactPoints: ['127.0.0.1:1'], localDataCenter: 'datacenter1' });
let server: LiveServer;
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeBuilt('index.html', INDEX);
  writeBuilt('assets/app-1a2b3c.js', SCRIPT);
  const logger = createLogger({ logLevel: 'silent' });
  const options = { client, logger, cursorSecret: Buffer.alloc(32), rateLimitSignPerMinute: 10, webDistDir: dist };
  const app = createApp(options);
  server = await listen(app);
});
afterAll(async () => {
  await server?.close();
  await client.shutdown();
  rmSync(dist, { recursive: true, force: true });
});

/** The body's bytes as sent, not decoded. */
type RawResponse = { status: number; headers: IncomingHttpHeaders; body: Buffer };

function get(path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('GET /assets/<hashed file>', () => {
  it.each([
    ['br, gzip', 'br', 'assets/app-1a2b3c.js.br'],
    ['gzip, deflate', 'gzip', 'assets/app-1a2b3c.js.gz'],
  ])(
    'when the browser accepts %s, then the file compressed at build time is sent as is, cached for good',
    async (...row) => {
      const [accepted, encoding, file] = row;
      const res = await get('/assets/app-1a2b3c.js', { 'accept-encoding': accepted });

      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.body.equals(built[file]!)).toBe(true);
    },
  );

  it('when the browser accepts no compression, then the plain file is sent', async () => {
    const res = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'identity' });

    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(SCRIPT);
  });

  it('when the file does not exist, then it answers a JSON 404 and nothing is cached', async () => {
    const res = await get('/assets/app-000000.js', { 'accept-encoding': 'br' });

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBeUndefined();
  });
});

describe('GET /', () => {
  it('when the browser accepts br, then index.html goes out as built, to be revalidated on every visit', async () => {
    const res = await get('/', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    const again = await get('/', { 'accept-encoding': 'gzip, deflate, br, zstd', 'if-none-match': res.headers.etag! });

    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8$/i);
    expect(res.headers['cache-control']).toBe('public, max-age=0');
    expect(res.body.equals(built['index.html.br']!)).toBe(true);
    expect(again.status).toBe(304);
  });
});
