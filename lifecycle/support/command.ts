import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO = resolve(import.meta.dirname, '..', '..');

export type Signal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A command started the way a person types it, `npm run <script> -- <args>`, in a process group of its own. */
export class CommandRun {
  private output = '';
  readonly began = Date.now();
  readonly npmExit: Promise<Ending>;
  private readonly npm: ChildProcess;

  constructor(script: string, args: string[], options: { home: string; env?: Record<string, string> }) {
    // TMPDIR puts every temporary directory the command makes (its node's data among them) under `home`.
    const tmp = join(options.home, 'tmp');
    mkdirSync(tmp, { recursive: true });
    // tsx keeps compiled files in $TMPDIR/tsx-<uid>: the usual one, so that each run does not compile the repo afresh.
    const tsxCache = `tsx-${process.getuid?.() ?? 0}`;
    mkdirSync(join(tmpdir(), tsxCache), { recursive: true });
    if (!existsSync(join(tmp, tsxCache))) symlinkSync(join(tmpdir(), tsxCache), join(tmp, tsxCache));
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, ...options.env };
    delete env.CASSANDRA_CONTACT_POINTS;
    this.npm = spawn('npm', ['run', script, '--', ...args], {
      cwd: REPO,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.npm.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.npm.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.npmExit = new Promise((done) => this.npm.on('exit', (code, signal) => done({ code, signal })));
  }

  get pid(): number {
    return this.npm.pid!;
  }

  get log(): string {
    return this.output;
  }

  /**
   * As it comes in practice: Ctrl-C and a closed terminal signal the whole foreground process group; `kill`, a process
   * supervisor or a CI runner's cancel sends SIGTERM to the process it started, here npm.
   */
  send(signal: Signal): void {
    process.kill(signal === 'SIGTERM' ? this.pid : -this.pid, signal);
  }

  /** True while any process of the command's group (npm, the shell, node and what they started in it) is alive. */
  running(): boolean {
    try {
      process.kill(-this.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits until `found()` returns something, failing if the command ends first or the time runs out. */
  async waitFor<T>(what: string, found: () => T | undefined, timeoutMs: number): Promise<T> {
    for (const deadline = Date.now() + timeoutMs; ; await sleep(100)) {
      const value = found();
      if (value !== undefined) return value;
      if (!this.running()) throw new Error(`The command ended before ${what}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`No ${what} within ${timeoutMs / 1000} s:\n${this.output}`);
    }
  }

  /** Waits for every process of the group to end; npm's own status says how it ended. */
  async ended(timeoutMs: number): Promise<Ending> {
    for (const deadline = Date.now() + timeoutMs; this.running(); await sleep(100)) {
      if (Date.now() > deadline)
        throw new Error(`The command still runs ${timeoutMs / 1000} s after the signal:\n${this.output}`);
    }
    return this.npmExit;
  }

  kill(): void {
    if (this.running()) process.kill(-this.pid, 'SIGKILL');
  }
}

/** Ended by the signal itself, or by an exit status that says so (128 + its number), as shells report it. */
export function endedBy(ending: Ending, signal: Signal): boolean {
  return ending.signal === signal || ending.code === 128 + constants.signals[signal];
}
