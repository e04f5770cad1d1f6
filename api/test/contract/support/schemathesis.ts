import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const REPO = resolve(import.meta.dirname, '..', '..', '..', '..');
/** Where .ci/run installs the Python tools; git-ignored. */
const SCHEMATHESIS = join(REPO, '.venv-tools', 'bin', 'schemathesis');
const REQUIREMENTS = resolve(import.meta.dirname, '..', 'requirements.txt');
const CONFIG = resolve(import.meta.dirname, '..', 'schemathesis.toml');

const INSTALL = `python3 -m venv .venv-tools && .venv-tools/bin/pip install -r api/test/contract/requirements.txt`;

function pinnedVersion(): string {
  const pin = /^schemathesis==(\S+)$/m.exec(readFileSync(REQUIREMENTS, 'utf8'))?.[1];
  if (!pin) throw new Error(`${REQUIREMENTS} pins no schemathesis version`);
  return pin;
}

/** Refuses to run with a missing or different fuzzer, saying how to install the pinned one. */
export async function requirePinnedSchemathesis(): Promise<string> {
  const pinned = pinnedVersion();
  if (!existsSync(SCHEMATHESIS)) {
    throw new Error(`schemathesis ${pinned} is not installed at ${SCHEMATHESIS}. From the repository root: ${INSTALL}`);
  }
  const { stdout } = await promisify(execFile)(SCHEMATHESIS, ['--version']);
  const installed = /version (\S+)/.exec(stdout)?.[1];
  if (installed !== pinned) {
    const found = installed ?? '(unknown)';
    throw new Error(`schemathesis ${found} is installed, ${pinned} is pinned. From the repository root: ${INSTALL}`);
  }
  return pinned;
}

export interface FuzzRun {
  exitCode: number | null;
  output: string;
  seconds: number;
}

export interface FuzzOptions {
  documentUrl: string;
  baseUrl: string;
  /** A scratch directory: schemathesis leaves .hypothesis/ and .schemathesis/ where it runs. */
  cwd: string;
  env: Record<string, string>;
}

/** `schemathesis run` against a live API. */
export function runSchemathesis(options: FuzzOptions): Promise<FuzzRun> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(
      SCHEMATHESIS,
      ['--config-file', CONFIG, 'run', options.documentUrl, '--url', options.baseUrl, '--no-color'].concat([
        '--request-timeout',
        '10',
      ]),
      { cwd: options.cwd, env: { ...process.env, ...options.env, COLUMNS: '120' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('exit', (exitCode) => done({ exitCode, output, seconds: (performance.now() - started) / 1000 }));
  });
}
