import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { CassandraNode, freePort } from '@guestbook/cassandra';

const API_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface LocalStack {
  node: CassandraNode;
  keyspace: string;
  url: string;
  /** The API's own process: the built API run with node, as the Docker image runs it. */
  apiPid: number;
  stop(): Promise<void>;
}

/** Resident memory of a process in MiB, from /proc (Linux), or NaN when it is gone. */
function rssMib(pid: number): number {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples a process's RSS every 200 ms: `peak` since the last reset, `overall` since sampling began. */
export function sampleRss(pid: number): {
  peak(): number;
  overall(): number;
  now(): number;
  reset(): void;
  stop(): void;
} {
  let peak = rssMib(pid);
  let overall = peak;
  const timer = setInterval(() => {
    const now = rssMib(pid);
    peak = Math.max(peak, now);
    overall = Math.max(overall, now);
  }, 200);
  return {
    peak: () => peak,
    overall: () => overall,
    now: () => rssMib(pid),
    reset: () => (peak = rssMib(pid)),
    stop: () => clearInterval(timer),
  };
}

export interface LocalStackOptions {
  keyspace: string;
  env?: Record<string, string>;
  /** Flags for the API's node process, e.g. --cpu-prof. */
  nodeArgs?: string[];
  log?: (line: string) => void;
}

/**
 * A Cassandra node in a temporary directory and the built API in a process of its own on a free port, so the load
 * generator does not share the API's event loop and each process's memory can be read separately.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => {});
  log('Building the API (npm run build -w api)...');
  execFileSync('npm', ['run', 'build', '-w', 'api'], { cwd: join(API_DIR, '..'), stdio: 'ignore' });
  const root = mkdtempSync(join(tmpdir(), 'guestbook-bench-'));
  const node = await CassandraNode.start({ directory: join(root, 'node'), clusterName: 'bench', log });
  let api: ChildProcess | undefined;
  try {
    const port = await freePort();
    api = spawn(process.execPath, [...(options.nodeArgs ?? []), 'dist/main.js'], {
      cwd: API_DIR,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        // Production's level: what pino-http does per request is part of what is measured. Its lines go to /dev/null.
        LOG_LEVEL: 'info',
        CASSANDRA_CONTACT_POINTS: node.contactPoint,
        CASSANDRA_KEYSPACE: options.keyspace,
        // Every request comes from this one address; the limit itself is not what is measured.
        RATE_LIMIT_SIGN_PER_MINUTE: '1000000000',
        CURSOR_SECRET: 'bench-cursor-secret-0123456789',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, api);
    log(`API (pid ${api.pid}) on ${url}, Cassandra (pid ${node.pid}) on ${node.contactPoint}`);
    const child = api;
    return {
      node,
      keyspace: options.keyspace,
      url,
      apiPid: child.pid!,
      stop: async () => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
        await node.kill();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    api?.kill('SIGKILL');
    await node.kill();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

export async function waitUntilReady(url: string, api: ChildProcess): Promise<void> {
  for (const began = Date.now(); Date.now() - began < 60_000; await sleep(200)) {
    if (api.exitCode !== null) throw new Error(`The API exited with status ${api.exitCode} before it was ready`);
    const status = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
  }
  throw new Error(`The API at ${url} was not ready within 60 s`);
}
