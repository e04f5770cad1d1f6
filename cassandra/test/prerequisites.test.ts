import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MissingPrerequisiteError, assertJava17, assertMaven } from '../src/prerequisites.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'prerequisites-'));
const saved = { JAVA_HOME: process.env.JAVA_HOME, PATH: process.env.PATH };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A JAVA_HOME whose java answers `-version` the way the given JDK does (on stderr), and nothing else. */
function fakeJavaHome(versionLine: string): string {
  const home = mkdtempSync(join(root, 'jdk-'));
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin', 'java'), `#!/bin/sh\necho '${versionLine}' >&2\n`);
  chmodSync(join(home, 'bin', 'java'), 0o755);
  return home;
}

/** A PATH holding only what npm and node need to run, so `mvn` is not found whatever the machine has. */
function pathWithoutMaven(): string {
  const bin = mkdtempSync(join(root, 'bin-'));
  for (const tool of ['node', 'npm', 'sh']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(tool === 'node' ? process.execPath : found, join(bin, tool));
  }
  return bin;
}

const JDK_HINT =
  'install OpenJDK 17 (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) or point JAVA_HOME at one.';

describe('assertJava17', () => {
  it('when JAVA_HOME points nowhere, then one sentence says Java is missing and how to install it', () => {
    process.env.JAVA_HOME = '/nonexistent/jdk';

    expect(() => assertJava17()).toThrow(MissingPrerequisiteError);
    expect(() => assertJava17()).toThrow(`Java was not found (/nonexistent/jdk/bin/java): ${JDK_HINT}`);
  });

  it('when the machine default is JDK 17, then it passes', () => {
    delete process.env.JAVA_HOME;

    expect(() => assertJava17()).not.toThrow();
  });

  for (const [line, major] of [['openjdk version "21.0.1" 2023-10-17', 21], ['java version "1.8.0_392"', 8]] as const) {
    it(`when JAVA_HOME's java says ${line}, then the message names Java ${major} and what to install`, () => {
      const home = fakeJavaHome(line);
      process.env.JAVA_HOME = home;

      const expected = `Cassandra 5.0 needs Java 17, but ${home}/bin/java is Java ${major}: ${JDK_HINT}`;
      expect(() => assertJava17()).toThrow(expected);
    });
  }
});

describe('assertMaven', () => {
  it('when no mvn is on PATH, then one sentence says Maven is needed and how to install it', () => {
    process.env.PATH = pathWithoutMaven();

    expect(() => assertMaven()).toThrow(
      'Maven was not found, and it fetches the Cassandra jars from Maven Central on first use: install it ' +
        '(Debian/Ubuntu: apt-get install maven).',
    );
  });
});

describe('npm run cassandra', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync('npm', ['run', '--silent', 'cassandra', '--', ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });

  it('when Java is another version, then start prints that one sentence and no stack, and exits 1', () => {
    const home = fakeJavaHome('openjdk version "21.0.1" 2023-10-17');

    const result = run(['start', '--dir', join(root, 'node')], { JAVA_HOME: home });

    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`Cassandra 5.0 needs Java 17, but ${home}/bin/java is Java 21: ${JDK_HINT}\n`);
  });

  it('when the jars are not cached and Maven is missing, then jars prints that one sentence and exits 1', () => {
    const result = run(['jars'], { PATH: pathWithoutMaven(), CASSANDRA_JARS_DIR: join(root, 'no-jars-yet') });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Maven was not found, .* \(Debian\/Ubuntu: apt-get install maven\)\.\n$/);
  });
});
