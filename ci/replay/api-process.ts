import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CqlEndpoint } from '../snapshot/index.js';

export interface ApiProcess {
  url: string;
  pid: number;
  /** The API's own log lines (pino JSON), newest last: where a 500's cause can be read. */
  logLines(): string[];
  stop(): Promise<void>;
}

export interface ApiProcessOptions {
  /** A checkout of this repository (the main one, or a worktree with a change applied): its api/src/main.ts is run. */
  checkout: string;
  endpoint: CqlEndpoint;
  keyspace: string;
  /** The built page to serve at /; a worktree has none of its own. */
  webDistDir?: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

const KEEP_LOG_LINES = 300;
const children = new Set<number>();
process.on('exit', () => {
  // Last resort if the caller never got to stop() (an uncaught error): no API is left listening.
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Starts the API of a checkout as its own process (node + tsx, exactly as `npm start` runs it) on a free port against a
 * given keyspace, and resolves once it logs the address it listens on.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(options.checkout, 'api', 'src', 'main.ts')], {
    cwd: options.checkout,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CASSANDRA_CONTACT_POINTS: options.endpoint.contactPoints.join(','),
      CASSANDRA_LOCAL_DC: options.endpoint.localDataCenter ?? 'datacenter1',
      CASSANDRA_KEYSPACE: options.keyspace,
      ...(options.endpoint.credentials
        ? {
            CASSANDRA_USERNAME: options.endpoint.credentials.username,
            CASSANDRA_PASSWORD: options.endpoint.credentials.password,
          }
        : {}),
      ...(options.webDistDir ? { WEB_DIST_DIR: options.webDistDir } : {}),
      ...options.env,
    },
  });
  children.add(child.pid!);
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > KEEP_LOG_LINES) lines.shift();
  };
  createInterface({ input: child.stderr! }).on('line', keep);
  const exited = once(child, 'exit');

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`The API in ${options.checkout} did not start within ${options.startTimeoutMs ?? 60_000} ms`)),
      options.startTimeoutMs ?? 60_000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      const record = parseJson(line);
      if (record?.msg === 'Guestbook API listening' && typeof record.url === 'string') {
        clearTimeout(timer);
        resolve(record.url);
      }
    });
    exited.then(
      ([code]) => {
        clearTimeout(timer);
        reject(
          new Error(
            `The API in ${options.checkout} exited with ${code} before listening:\n${lines.slice(-20).join('\n')}`,
          ),
        );
      },
      (error: Error) => reject(error),
    );
  }).catch(async (error: Error) => {
    child.kill('SIGKILL');
    children.delete(child.pid!);
    throw error;
  });

  return {
    url,
    pid: child.pid!,
    logLines: () => [...lines],
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      children.delete(child.pid!);
    },
  };
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The errors the API logged (pino level ≥ 50), as "message: error type: error message" lines. */
export function loggedErrors(api: ApiProcess): string[] {
  return api
    .logLines()
    .map(parseJson)
    .filter((r): r is Record<string, unknown> => typeof r?.level === 'number' && r.level >= 50)
    .map((r) => {
      const err = r.err as { type?: string; message?: string } | undefined;
      return err ? `${String(r.msg)}: ${err.type ?? 'Error'}: ${err.message ?? ''}` : String(r.msg);
    });
}
