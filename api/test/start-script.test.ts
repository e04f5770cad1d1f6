import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cassandraJvmsUnder } from '@guestbook/cassandra';
import { afterAll, describe, expect, it } from 'vitest';

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
      env: { ...process.env, GUESTBOOK_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', CASSANDRA_CONTACT_POINTS: '' },
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
});
