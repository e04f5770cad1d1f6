import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runMeasured, type MeasuredRun } from './measured-process.js';

/*
 * cqlsh's COPY TO / COPY FROM, the bulk tool people reach for first, run on the same data as the snapshot toolkit.
 * cqlsh comes from PyPI into a virtualenv of its own under ~/.cache/guestbook (created on first use; delete the folder
 * to start over). DSBulk is left out: Maven Central does not serve it (com.datastax.oss:dsbulk-runner resolves to
 * nothing there), and its tarball comes from a site this machine cannot reach.
 */

const CQLSH_VERSION = '6.2.2';
const VENV = join(homedir(), '.cache', 'guestbook', `cqlsh-${CQLSH_VERSION}-venv`);

export async function ensureCqlsh(log: (line: string) => void): Promise<string> {
  const cqlsh = join(VENV, 'bin', 'cqlsh');
  if (existsSync(cqlsh)) return cqlsh;
  log(`Installing cqlsh ${CQLSH_VERSION} from PyPI into ${VENV} (first run only)...`);
  await run('python3', ['-m', 'venv', VENV]);
  await run(join(VENV, 'bin', 'pip'), ['install', '--quiet', `cqlsh==${CQLSH_VERSION}`]);
  return cqlsh;
}

/** COPY <table> TO one CSV file per table, with cqlsh's defaults (worker processes, page size) as a user would run it. */
export function copyTo(
  cqlsh: string,
  contactPoint: string,
  keyspace: string,
  tables: string[],
  directory: string,
): Promise<MeasuredRun> {
  return runCopies(
    cqlsh,
    contactPoint,
    directory,
    tables.map((t) => `COPY ${keyspace}.${t} TO '${join(directory, `${t}.csv`)}';`),
  );
}

/** COPY <table> FROM the files copyTo wrote, into a keyspace whose tables exist and are empty. */
export function copyFrom(
  cqlsh: string,
  contactPoint: string,
  keyspace: string,
  tables: string[],
  directory: string,
): Promise<MeasuredRun> {
  return runCopies(
    cqlsh,
    contactPoint,
    directory,
    tables.map((t) => `COPY ${keyspace}.${t} FROM '${join(directory, `${t}.csv`)}';`),
  );
}

async function runCopies(
  cqlsh: string,
  contactPoint: string,
  directory: string,
  commands: string[],
): Promise<MeasuredRun> {
  await mkdir(directory, { recursive: true });
  const script = join(directory, `copy-${Date.now()}.cql`);
  await writeFile(script, `${commands.join('\n')}\n`);
  const [host, port] = contactPoint.split(':');
  // From the scratch directory: COPY FROM writes the rows it gave up on there (import_<keyspace>_<table>.err).
  return runMeasured(cqlsh, [host!, port ?? '9042', '--request-timeout', '120', '-f', script], { cwd: directory });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
