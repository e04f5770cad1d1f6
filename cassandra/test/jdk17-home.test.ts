import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// .ci/run picks its JAVA_HOME with this script, and installs OpenJDK 17 when it finds none.
const SCRIPT = resolve(import.meta.dirname, '..', '..', '.ci', 'jdk17-home');
const root = mkdtempSync(join(tmpdir(), 'jdk17-home-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A JDK home whose java answers `-version` as the given version does; `jre` leaves javac out. */
function fakeHome(name: string, version: string, { jre = false } = {}): string {
  const home = join(root, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  for (const tool of jre ? ['java'] : ['java', 'javac']) {
    writeFileSync(join(home, 'bin', tool), `#!/bin/sh\necho 'openjdk version "${version}" 2025-01-21' >&2\n`);
    chmodSync(join(home, 'bin', tool), 0o755);
  }
  return home;
}

function jdk17Home(env: Record<string, string>): { status: number | null; home: string } {
  const result = spawnSync(SCRIPT, { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, home: result.stdout.trim() };
}

describe('.ci/jdk17-home', () => {
  const jvmDir = join(root, 'jvm');
  const jdk21 = fakeHome('jvm/jdk-21', '21.0.1');
  fakeHome('jvm/jre-17', '17.0.15', { jre: true });
  const jdk17 = fakeHome('jvm/jdk-17', '17.0.15');
  const onlyJava21 = join(root, 'path-with-java-21');
  mkdirSync(onlyJava21);
  writeFileSync(join(onlyJava21, 'java'), `#!/bin/sh\nexec ${jdk21}/bin/java "$@"\n`);
  chmodSync(join(onlyJava21, 'java'), 0o755);
  const path = `${onlyJava21}:/usr/bin:/bin`;

  it('when JAVA_HOME and the default java are Java 21, then it finds the JDK 17 beside them (not the JRE)', () => {
    expect(jdk17Home({ JAVA_HOME: jdk21, PATH: path, JVM_DIR: jvmDir })).toEqual({ status: 0, home: jdk17 });
  });

  it('when JAVA_HOME is a JDK 17, then it is the answer', () => {
    const result = jdk17Home({ JAVA_HOME: jdk17, PATH: path, JVM_DIR: join(root, 'empty') });

    expect(result).toEqual({ status: 0, home: jdk17 });
  });

  it('when no JDK 17 is anywhere, then it exits 1 so that .ci/run installs one', () => {
    const result = jdk17Home({ JAVA_HOME: jdk21, PATH: path, JVM_DIR: join(root, 'empty') });

    expect(result).toEqual({ status: 1, home: '' });
  });
});
