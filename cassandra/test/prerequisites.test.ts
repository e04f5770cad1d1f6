import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MissingPrerequisiteError, assertJava17, assertMaven } from '../src/prerequisites.js';
import { fakeJavaHome, pathWithoutMaven } from './support/fake-tools.js';

const root = mkdtempSync(join(tmpdir(), 'prerequisites-'));
const saved = { JAVA_HOME: process.env.JAVA_HOME, PATH: process.env.PATH };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

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

  for (const [line, major] of [
    ['openjdk version "21.0.1" 2023-10-17', 21],
    ['java version "1.8.0_392"', 8],
  ] as const) {
    it(`when JAVA_HOME's java says ${line}, then the message names Java ${major} and what to install`, () => {
      const home = fakeJavaHome(root, line);
      process.env.JAVA_HOME = home;

      const expected = `Cassandra 5.0 needs Java 17, but ${home}/bin/java is Java ${major}: ${JDK_HINT}`;
      expect(() => assertJava17()).toThrow(expected);
    });
  }
});

describe('assertMaven', () => {
  it('when no mvn is on PATH, then one sentence says Maven is needed and how to install it', () => {
    process.env.PATH = pathWithoutMaven(root);

    expect(() => assertMaven()).toThrow(
      'Maven was not found, and it fetches the Cassandra jars from Maven Central on first use: install it ' +
        '(Debian/Ubuntu: apt-get install maven).',
    );
  });
});
