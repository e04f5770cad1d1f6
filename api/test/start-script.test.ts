import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cassandraJvmsUnder } from '@guestbook/cassandra';
import { afterAll, describe, expect, inject, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'guestbook-start-'));
let start: ChildProcess | undefined;
// A test that timed out may leave the script or its JVM running: neither may outlive the run.
afterAll(() => {
  if (start?.exitCode === null && start.signalCode === null) start.kill('SIGKILL');
  for (const pid of cassandraJvmsUnder(dataDir)) process.kill(-pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  // A page build, a node start (up to its own 180 s limit) and a drain, on a two-core machine shared with other tests.
  const startAndStop = { timeout: 400_000 };
  it('when it serves and gets Ctrl-C, then it answered and no Cassandra JVM is left', startAndStop, async () => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        GUESTBOOK_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        CASSANDRA_CONTACT_POINTS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start = started;
    let output = '';
    started.stdout.on('data', (d: Buffer) => (output += d.toString()));
    started.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise((done) => started.on('exit', (code, signal) => done({ code, signal })));

    let url: string | undefined;
    for (const deadline = Date.now() + 300_000; !url && Date.now() < deadline; await sleep(200)) {
      if (started.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      url = /running at (http:\/\/\S+)/.exec(output)?.[1];
    }
    if (!url) throw new Error(`npm start did not serve within 300 s:\n${output}`);
    const health = await fetch(`${url}/readyz`);
    expect(output).toMatch(/Cassandra started in \d+\.\d s/);
    expect(cassandraJvmsUnder(dataDir)).toHaveLength(1);

    started.kill('SIGINT');

    expect(health.status).toBe(200);
    // The graceful stop ran, then SIGINT was raised again, so a shell sees the usual status of an interrupted command.
    expect(await exited).toEqual({ code: null, signal: 'SIGINT' });
    expect(output).toContain('Stopping the API and Cassandra...');
    expect(cassandraJvmsUnder(dataDir)).toEqual([]);
  });

  it('when the port is taken, then it says so in one sentence and exits 1', async () => {
    const other = createServer().listen(0, '127.0.0.1');
    await new Promise((done) => other.once('listening', done));
    const { port } = other.address() as AddressInfo;

    const result = runStartScript({ CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoint'), PORT: String(port) });
    other.close();

    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `The guestbook cannot listen on 127.0.0.1:${port}: another program uses that port; stop it, ` +
        'or pick another port (PORT=3001 npm start).\n',
    );
  });

  it('when Java is another version, then it says so in one sentence and exits 1', () => {
    const javaHome = join(dataDir, 'jdk-21');
    mkdirSync(join(javaHome, 'bin'), { recursive: true });
    writeFileSync(join(javaHome, 'bin', 'java'), `#!/bin/sh\necho 'openjdk version "21.0.1" 2023-10-17' >&2\n`);
    chmodSync(join(javaHome, 'bin', 'java'), 0o755);

    const result = runStartScript({ JAVA_HOME: javaHome, CASSANDRA_CONTACT_POINTS: '' });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Cassandra 5\.0 needs Java 17, but \S+ is Java 21: install OpenJDK 17 [^\n]*\.\n$/);
  });
});

function runStartScript(env: Record<string, string>): { status: number | null; stderr: string } {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO,
    env: { ...process.env, GUESTBOOK_DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
}
