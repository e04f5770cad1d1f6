import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MissingPrerequisiteError, assertJava17 } from '../src/prerequisites.js';

const saved = process.env.JAVA_HOME;
afterEach(() => {
  if (saved === undefined) delete process.env.JAVA_HOME;
  else process.env.JAVA_HOME = saved;
});

describe('assertJava17', () => {
  it('when JAVA_HOME points nowhere, then one sentence says Java is missing and how to install it', () => {
    process.env.JAVA_HOME = '/nonexistent/jdk';

    expect(() => assertJava17()).toThrow(MissingPrerequisiteError);
    expect(() => assertJava17()).toThrow(/Java was not found.*Install OpenJDK 17/);
  });

  it('when the machine default is JDK 17, then it passes', () => {
    delete process.env.JAVA_HOME;

    expect(() => assertJava17()).not.toThrow();
  });

  // A second JDK of another version is only present on some machines; the message is checked where it is.
  const otherJdk = ['/usr/lib/jvm/temurin-25-jdk-amd64', '/usr/lib/jvm/java-21-openjdk-amd64'].find((p) => existsSync(`${p}/bin/java`));
  it.runIf(otherJdk)('when JAVA_HOME is another major version, then the message names both versions', () => {
    process.env.JAVA_HOME = otherJdk;

    expect(() => assertJava17()).toThrow(/needs Java 17, but .* is Java (21|25)/);
  });
});
