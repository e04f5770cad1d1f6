import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';
import { CassandraNode } from '@guestbook/cassandra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';

const API_DIR = fileURLToPath(new URL('../../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'guestbook-auth-'));
// A password made up for this run, so that finding it in a log can only mean the API wrote it there.
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const ROLE = 'guestbook_api';
let node: CassandraNode;
const servers: RunningServer[] = [];

beforeAll(async () => {
  node = await CassandraNode.start({ directory: join(root, 'node'), clusterName: 'auth', passwordAuth: true });
  const admin = new cassandra.Client({
    contactPoints: [node.contactPoint],
    localDataCenter: 'datacenter1',
    credentials: node.credentials!,
  });
  try {
    // Least privilege: the API's role may create its keyspace (and so owns it), nothing else.
    await admin.execute(`CREATE ROLE IF NOT EXISTS ${ROLE} WITH PASSWORD = '${PASSWORD}' AND LOGIN = true`);
    await admin.execute(`GRANT CREATE ON ALL KEYSPACES TO ${ROLE}`);
    await admin.execute(`CREATE ROLE IF NOT EXISTS reader WITH PASSWORD = '${PASSWORD}' AND LOGIN = true`);
  } finally {
    await admin.shutdown();
  }
});
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => {});
  await node?.kill();
  rmSync(root, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  CASSANDRA_CONTACT_POINTS: node.contactPoint,
  CASSANDRA_KEYSPACE: 'auth_test',
  ...extra,
});

async function startFails(extra: Record<string, string>): Promise<{ error: Error; ms: number }> {
  const began = performance.now();
  const error = await startServer(env(extra)).then(
    (s) => {
      servers.push(s);
      return new Error('the API started');
    },
    (e: Error) => e,
  );
  return { error, ms: performance.now() - began };
}

/** Runs the real entry point (`main.ts`) until it exits or `untilOutput` appears, collecting everything it prints. */
function runMain(
  extra: Record<string, string>,
  untilOutput?: RegExp,
): Promise<{ code: number | null; output: string; child: ReturnType<typeof spawn> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: API_DIR,
      env: { ...process.env, ...env(extra) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (d: Buffer) => {
      output += d.toString();
      if (untilOutput?.test(output)) resolve({ code: null, output, child });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, output, child }));
  });
}

describe('Cassandra with PasswordAuthenticator', () => {
  it('when CASSANDRA_USERNAME and CASSANDRA_PASSWORD name a role that may log in, then the API signs and reads', async () => {
    const api = await startServer(env({ CASSANDRA_USERNAME: ROLE, CASSANDRA_PASSWORD: PASSWORD }));
    servers.push(api);

    const signed = await fetch(`${api.url}/api/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'auth', message: 'logged in' }),
    });
    const listed = (await (await fetch(`${api.url}/api/entries`)).json()) as { entries: unknown[] };

    expect(signed.status).toBe(201);
    expect(listed.entries).toEqual([expect.objectContaining({ name: 'auth', message: 'logged in' })]);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });

  it('when no credentials are set, then the API refuses to start with an error naming the settings', async () => {
    const { error, ms } = await startFails({});

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /refused the login .*requires authentication.*CASSANDRA_USERNAME and CASSANDRA_PASSWORD/,
    );
    expect(error.message).not.toMatch(/\n\s+at /);
    expect(ms).toBeLessThan(5000);
  });

  it('when the password is wrong, then the API refuses to start and does not repeat the password', async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    const { error } = await startFails({ CASSANDRA_USERNAME: ROLE, CASSANDRA_PASSWORD: wrong });

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/refused the login .*incorrect.*CASSANDRA_USERNAME and CASSANDRA_PASSWORD/);
    expect(error.message).not.toContain(wrong);
  });

  it('when the role may log in but not create the keyspace, then the API refuses to start saying what to grant', async () => {
    const { error } = await startFails({
      CASSANDRA_USERNAME: 'reader',
      CASSANDRA_PASSWORD: PASSWORD,
      CASSANDRA_KEYSPACE: 'reader_ks',
    });

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/does not let role reader set up keyspace reader_ks .*grant/);
  });

  it('when main.ts starts without credentials, then it exits with status 1 at once instead of retrying', async () => {
    const began = performance.now();
    const { code, output } = await runMain({});

    expect(code).toBe(1);
    expect(output.trim()).toMatch(/^Cassandra at \S+ refused the login .*CASSANDRA_USERNAME and CASSANDRA_PASSWORD/);
    expect(output).not.toMatch(/not reachable yet/);
    expect(performance.now() - began).toBeLessThan(20_000);
  });

  it('when main.ts runs with credentials and logs at debug level, then the password appears nowhere in its output', async () => {
    const { child, output: startup } = await runMain(
      { CASSANDRA_USERNAME: ROLE, CASSANDRA_PASSWORD: PASSWORD, LOG_LEVEL: 'debug', PORT: '0' },
      /API listening/,
    );
    const url = /"url":"([^"]+)"/.exec(startup)?.[1];
    let output = startup;
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await fetch(`${url}/api/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${PASSWORD}` },
      body: JSON.stringify({ name: 'log', message: PASSWORD.slice(0, 2) }),
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain('API listening');
    expect(output).not.toContain(PASSWORD);
  });
});
