import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { connectAndMigrate, type CassandraClient } from './cassandra.js';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';

export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface RunningServer {
  url: string;
  port: number;
  config: Config;
  client: CassandraClient;
  logger: Logger;
  /** Stops accepting connections, lets requests in flight finish, then closes the driver. */
  close(): Promise<void>;
}

/**
 * Wires config → logger → Cassandra (schema applied) → HTTP. `env` overrides process.env, so tests and the replay can
 * point an API at any node and keyspace on a free port (PORT=0).
 */
export async function startServer(env: Record<string, string | undefined> = {}): Promise<RunningServer> {
  const config = loadConfig({ ...process.env, ...env });
  const logger = createLogger(config);
  if (config.cursorSecretIsEphemeral)
    logger.warn('CURSOR_SECRET is not set: paging cursors will not survive a restart');
  const client = await connectAndMigrate(config.cassandra);
  const app = createApp({
    client,
    logger,
    cursorSecret: config.cursorSecret,
    rateLimitSignPerMinute: config.rateLimitSignPerMinute,
    trustProxy: config.trustProxy,
    webDistDir: config.webDistDir ?? DEFAULT_WEB_DIST_DIR,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url, keyspace: config.cassandra.keyspace }, 'Guestbook API listening');
  return {
    url,
    port,
    config,
    client,
    logger,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await client.shutdown();
    },
  };
}
