import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@guestbook/api';
import { CassandraNode } from '@guestbook/cassandra';
import { ensureWebBuilt } from '../../repo/web-build.js';

/** The keyspace the stack's API serves: the global setup writes the committed regression fixtures into it. */
export const STACK_KEYSPACE = 'guestbook_e2e';

/** A whole guestbook — Cassandra node, API, built page — in a temporary directory, on free ports. */
export interface Stack {
  url: string;
  node: CassandraNode;
  /** Hard-kills Cassandra, as a crashed machine would; the API stays up and must say so. */
  killCassandra(): Promise<void>;
  /** Starts Cassandra again in the same directory: same ports, same data. */
  restartCassandra(): Promise<void>;
  /** Stops the API process's HTTP server, so the page already open cannot reach it. */
  stopApi(): Promise<void>;
  /** Starts the API again on the same port. */
  startApi(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Extra API environment (RATE_LIMIT_SIGN_PER_MINUTE, ...). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

async function startFreshNode(log: StackOptions['log']): Promise<{ dir: string; node: CassandraNode }> {
  const dir = mkdtempSync(join(tmpdir(), 'guestbook-e2e-'));
  try {
    return { dir, node: await CassandraNode.start({ directory: join(dir, 'node'), clusterName: 'e2e', log }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  ensureWebBuilt(options.log);
  const fresh = await startFreshNode(options.log);
  const dir = fresh.dir;
  const nodeDir = join(dir, 'node');
  let node = fresh.node;
  const apiEnv = (port: number) => ({
    PORT: String(port),
    HOST: '127.0.0.1',
    // The outage tests make the API log every failed query; only real errors are worth seeing here.
    LOG_LEVEL: 'error',
    CASSANDRA_CONTACT_POINTS: node.contactPoint,
    CASSANDRA_KEYSPACE: STACK_KEYSPACE,
    // The suite signs far more often than a person would; the limit itself is the API suite's to test.
    RATE_LIMIT_SIGN_PER_MINUTE: '100000',
    CURSOR_SECRET: 'e2e-cursor-secret-0123456789',
    // Schema changes on a busy two-core CI machine can take seconds; a stopped node still fails at once (connection refused).
    CASSANDRA_REQUEST_TIMEOUT_MS: '10000',
    ...options.env,
  });
  let api: RunningServer | undefined;
  try {
    api = await startServer(apiEnv(0));
  } catch (error) {
    await node.kill();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const port = api.port;
  return {
    url: api.url,
    get node() {
      return node;
    },
    killCassandra: () => node.kill(),
    restartCassandra: async () => {
      node = await CassandraNode.start({ directory: nodeDir, log: options.log });
    },
    stopApi: async () => {
      await api?.close();
      api = undefined;
    },
    startApi: async () => {
      api = await startServer(apiEnv(port));
    },
    stop: async () => {
      await api?.close();
      await node.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
