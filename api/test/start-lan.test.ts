import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import cassandra from 'cassandra-driver';
import QRCode from 'qrcode';
import { afterAll, describe, expect, inject, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
/** Start-up waits up to 60 s for the API on a busy machine; the requests and Ctrl-C come on top. */
const START_TIMEOUT_MS = 120_000;
const keyspaces: string[] = [];

afterAll(async () => {
  const contactPoints = [inject('cassandraContactPoint')];
  const client = new cassandra.Client({ contactPoints, localDataCenter: 'datacenter1' });
  for (const keyspace of keyspaces) {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
  }
  await client.shutdown();
});

/** IPv4 addresses of this machine that other devices could reach. */
const lanAddresses = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .filter((a) => a.family === 'IPv4' && !a.internal)
  .map((a) => a.address);

interface Started {
  process: ChildProcess;
  output: () => string;
  url: string;
  port: string;
}

/** `npm start` on the test run's Cassandra (so it starts no node of its own), with HOST and the sign limit unset. */
async function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const keyspace = `start_${randomBytes(6).toString('hex')}`;
  keyspaces.push(keyspace);
  const { HOST: _host, GUESTBOOK_LAN: _lan, RATE_LIMIT_SIGN_PER_MINUTE: _limit, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: REPO,
    env: {
      ...inherited,
      CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoint'),
      CASSANDRA_KEYSPACE: keyspace,
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  for (; !output.includes('Press Ctrl-C') && Date.now() < deadline; await sleep(100)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
  }
  const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`npm start did not serve within 60 s:\n${output}`);
  return { process: child, output: () => output, url, port: new URL(url).port };
}

/** Ctrl-C: the graceful stop runs, then SIGINT is raised again, as an interrupted command ends. */
async function stop(started: Started): Promise<NodeJS.Signals | number | null> {
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    started.process.on('exit', (code, signal) => done(signal ?? code)),
  );
  started.process.kill('SIGINT');
  return exited;
}

/** The sign limit the API applies, as its RateLimit-Policy header states it (q = signs per window). */
async function signLimit(baseUrl: string): Promise<string | undefined> {
  const headers = { 'content-type': 'application/json' };
  const res = await fetch(`${baseUrl}/api/entries`, { method: 'POST', headers, body: '{"name":"n","message":"m"}' });
  return /q=(\d+)/.exec(res.headers.get('ratelimit-policy') ?? '')?.[1];
}

describe('npm start', () => {
  it(
    'when started plainly, then it listens on 127.0.0.1 only, with the default sign limit',
    async () => {
      const started = await start([]);
      try {
        expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
        expect(started.output()).not.toContain('On the LAN');
        expect(await signLimit(started.url)).toBe('30');
        for (const address of lanAddresses) {
          await expect(fetch(`http://${address}:${started.port}/healthz`)).rejects.toThrow();
        }
      } finally {
        expect(await stop(started)).toBe('SIGINT');
      }
    },
    START_TIMEOUT_MS,
  );
});

describe('npm start -- --lan', () => {
  it(
    'when started for a room, then it serves the LAN, prints URLs and a QR code, and raises the limit',
    async () => {
      const started = await start(['--lan']);
      try {
        const output = started.output();
        expect(output).toContain('Signing is limited to 300 entries per minute per address');
        expect(await signLimit(started.url)).toBe('300');
        if (lanAddresses.length === 0) {
          expect(output).toContain('No LAN address found');
          return;
        }
        const urls = lanAddresses.map((address) => `http://${address}:${started.port}`);
        expect(output).toContain(`On the LAN: ${urls.join('  ')}`);
        // The QR code printed is exactly the one the library draws for the first URL.
        const qr = await QRCode.toString(urls[0]!, { type: 'terminal', small: true });
        expect(output).toContain(`Scan to sign from a phone (${urls[0]}):\n${qr}\n`);
        for (const url of urls) expect((await fetch(`${url}/readyz`)).status).toBe(200);
      } finally {
        expect(await stop(started)).toBe('SIGINT');
      }
    },
    START_TIMEOUT_MS,
  );

  it(
    'when GUESTBOOK_LAN=1 is set instead of the flag, then it is workshop mode too',
    async () => {
      const started = await start([], { GUESTBOOK_LAN: '1' });
      try {
        expect(started.output()).toMatch(/On the LAN: |No LAN address found/);
        expect(await signLimit(started.url)).toBe('300');
      } finally {
        expect(await stop(started)).toBe('SIGINT');
      }
    },
    START_TIMEOUT_MS,
  );
});
