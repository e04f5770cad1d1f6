import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { connectAndMigrate, type CassandraClient } from '../../src/cassandra.js';
import { loadConfig } from '../../src/config.js';
import { EntriesRepository } from '../../src/entries/entries.repository.js';
import { createLogger, type Logger } from '../../src/logger.js';

export interface TestApp {
  app: Express;
  client: CassandraClient;
  repository: EntriesRepository;
  keyspace: string;
  close(): Promise<void>;
}

/** The real app on the run's Cassandra node, in a fresh keyspace of its own, so test files never see each other's data. */
export async function createTestApp(
  overrides: { rateLimitSignPerMinute?: number; cursorSecret?: Buffer; logger?: Logger } = {},
): Promise<TestApp> {
  const keyspace = `test_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoint'),
    CASSANDRA_KEYSPACE: keyspace,
    LOG_LEVEL: 'silent',
  });
  const client = await connectAndMigrate(config.cassandra);
  const app = createApp({
    client,
    logger: overrides.logger ?? createLogger({ logLevel: 'silent' }),
    cursorSecret: overrides.cursorSecret ?? config.cursorSecret,
    rateLimitSignPerMinute: overrides.rateLimitSignPerMinute ?? 1_000_000,
  });
  return {
    app,
    client,
    repository: new EntriesRepository(client),
    keyspace,
    close: async () => {
      // A schema change waits for the node to agree on it, which can take longer than a request on a busy machine.
      await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
      await client.shutdown();
    },
  };
}
