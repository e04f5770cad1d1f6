import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NodeStartError } from './errors.js';
import { MavenProgress, RUNTIME_JARS } from './maven-progress.js';
import { assertMaven } from './prerequisites.js';

export const CASSANDRA_VERSION = '5.0.8';
const POM = fileURLToPath(new URL('../maven/pom.xml', import.meta.url));

/** Where the jars live: $CASSANDRA_JARS_DIR, else a per-user cache shared by every checkout. */
export function jarsDirectory(): string {
  return (
    process.env.CASSANDRA_JARS_DIR ?? join(homedir(), '.cache', 'guestbook', `cassandra-${CASSANDRA_VERSION}`, 'lib')
  );
}

function isComplete(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => f.startsWith(`cassandra-all-${CASSANDRA_VERSION}`));
}

/**
 * Resolves cassandra-all and its runtime dependencies from Maven Central on first use. Downloads go to a temporary
 * folder renamed into place at the end, so an interrupted first run never leaves a half-filled cache behind.
 */
export async function ensureJars(log: (line: string) => void = () => {}): Promise<string> {
  const dir = jarsDirectory();
  if (isComplete(dir)) return dir;
  assertMaven();
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(
    `Fetching Apache Cassandra ${CASSANDRA_VERSION} from Maven Central: ${RUNTIME_JARS.count} jars, ` +
      `${(RUNTIME_JARS.bytes / 1e6).toFixed(0)} MB (first run only)...`,
  );
  const args = [
    '-B',
    '-f',
    POM,
    `-Dcassandra.version=${CASSANDRA_VERSION}`,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${staging}`,
  ];
  const progress = new MavenProgress(log);
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const mvn = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: mvn.stdout }).on('line', (line) => {
      progress.line(line);
      output.push(line);
    });
    createInterface({ input: mvn.stderr }).on('line', (line) => output.push(line));
    mvn.on('error', reject);
    mvn.on('close', resolve);
  });
  if (code !== 0 || !isComplete(staging)) {
    rmSync(staging, { recursive: true, force: true });
    throw new NodeStartError(
      `Maven could not download Apache Cassandra ${CASSANDRA_VERSION} from Maven Central: check the network ` +
        '(a proxy goes in ~/.m2/settings.xml) and run again.',
      output.slice(-40).join('\n'),
    );
  }
  mkdirSync(join(dir, '..'), { recursive: true });
  if (!isComplete(dir)) renameSync(staging, dir);
  else rmSync(staging, { recursive: true, force: true });
  log(`Cassandra jars cached in ${dir}`);
  return dir;
}
