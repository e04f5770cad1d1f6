import { spawnSync } from 'node:child_process';
import { MissingPrerequisiteError } from './errors.js';

export { MissingPrerequisiteError };

const JDK_HINT =
  'install OpenJDK 17 (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) or point JAVA_HOME at one.';

/** The java binary to use: $JAVA_HOME/bin/java when set, else java on PATH. */
export function javaBinary(): string {
  return process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
}

/**
 * Cassandra 5.0 runs on JDK 11 and 17 only: 21+ fails at boot (it installs a SecurityManager), so check before starting
 * rather than let a stack trace explain it.
 */
export function assertJava17(): void {
  const result = spawnSync(javaBinary(), ['-version'], { encoding: 'utf8' });
  if (result.error) throw new MissingPrerequisiteError(`Java was not found (${javaBinary()}): ${JDK_HINT}`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (major !== 17) {
    const found = match ? `Java ${major}` : 'of unknown version';
    throw new MissingPrerequisiteError(`Cassandra 5.0 needs Java 17, but ${javaBinary()} is ${found}: ${JDK_HINT}`);
  }
}

export function assertMaven(): void {
  const result = spawnSync('mvn', ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new MissingPrerequisiteError(
      'Maven was not found, and it fetches the Cassandra jars from Maven Central on first use: install it ' +
        '(Debian/Ubuntu: apt-get install maven).',
    );
  }
}
