import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cassandraJvmsUnder } from '../src/processes.js';
import { fakeJavaHome, pathWithoutMaven } from './support/fake-tools.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'cassandra-cli-'));
afterAll(() => {
  for (const pid of cassandraJvmsUnder(root)) process.kill(-pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

function cassandraCli(args: string[], env: Record<string, string> = {}): { status: number | null; stderr: string } {
  const { status, stderr } = spawnSync('npm', ['run', '--silent', 'cassandra', '--', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status, stderr };
}

const JDK_HINT =
  'install OpenJDK 17 (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) or point JAVA_HOME at one.';

describe('npm run cassandra, when it cannot start, prints one sentence saying what to do and exits 1', () => {
  it('when Java is another version, then start names both versions and what to install', () => {
    const home = fakeJavaHome(root, 'openjdk version "21.0.1" 2023-10-17');

    const result = cassandraCli(['start', '--dir', join(root, 'node')], { JAVA_HOME: home });

    expect(result).toEqual({
      status: 1,
      stderr: `Cassandra 5.0 needs Java 17, but ${home}/bin/java is Java 21: ${JDK_HINT}\n`,
    });
  });

  it('when the jars are not cached and Maven is missing, then jars says to install Maven', () => {
    const result = cassandraCli(['jars'], { PATH: pathWithoutMaven(root), CASSANDRA_JARS_DIR: join(root, 'no-jars') });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Maven was not found, .* \(Debian\/Ubuntu: apt-get install maven\)\.\n$/);
  });

  it('when a port the node remembers is taken, then start names it and how to get new ports', async () => {
    const other = createServer().listen(0, '127.0.0.1');
    await new Promise((done) => other.once('listening', done));
    const { port } = other.address() as AddressInfo;
    const dir = join(root, 'remembered-ports');
    mkdirSync(dir);
    const ports = { nativePort: port + 1, storagePort: port, jmxPort: port + 2 };
    const remembered = { clusterName: 'cli', host: '127.0.0.1', passwordAuth: false, ...ports };
    writeFileSync(join(dir, 'node.json'), JSON.stringify(remembered));

    const result = cassandraCli(['start', '--dir', dir]);
    other.close();

    expect(result).toEqual({
      status: 1,
      stderr:
        `Port ${port} is taken by another process, so Cassandra could not start in ${dir}: stop that process, ` +
        `or delete ${dir}/node.json to let the node pick new ports. (--verbose shows the details)\n`,
    });
    expect(cassandraJvmsUnder(dir)).toEqual([]);
  });
});
