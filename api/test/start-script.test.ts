import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'guestbook-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** PIDs of JVMs whose command line names this data directory, read from /proc. */
function cassandraJvmsUsing(dir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8');
        return cmdline.includes('CassandraDaemon') && cmdline.includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('npm start', () => {
  it('when it serves the guestbook and gets Ctrl-C, then the API answers first and no Cassandra JVM is left', async () => {
    const start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: REPO,
      env: { ...process.env, GUESTBOOK_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', CASSANDRA_CONTACT_POINTS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    start.stdout.on('data', (d: Buffer) => (output += d.toString()));
    start.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((done) => start.on('exit', (code) => done(code)));

    let url: string | undefined;
    for (const deadline = Date.now() + 150_000; !url && Date.now() < deadline; await sleep(200)) {
      if (start.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      url = /running at (http:\/\/\S+)/.exec(output)?.[1];
    }
    if (!url) throw new Error(`npm start did not serve within 150 s:\n${output}`);
    const health = await fetch(`${url}/readyz`);
    expect(output).toMatch(/Cassandra started in \d+\.\d s/);
    expect(cassandraJvmsUsing(dataDir)).toHaveLength(1);

    start.kill('SIGINT');

    expect(health.status).toBe(200);
    expect(await exited).toBe(0);
    expect(cassandraJvmsUsing(dataDir)).toEqual([]);
  });
});
