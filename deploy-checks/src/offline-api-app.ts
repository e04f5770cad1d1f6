import { randomBytes } from 'node:crypto';
import { createApp, createLogger, type Config } from '@guestbook/api';
import cassandra from 'cassandra-driver';

export type ApiApp = ReturnType<typeof createApp>;

/**
 * The API's own Express app, built as the server builds it, for checks that need only its HTTP behaviour (headers,
 * who it takes a request to come from). Its Cassandra client is never connected: such checks touch no data.
 */
export function offlineApiApp(trustProxy: Config['trustProxy'] = false): ApiApp {
  const client = new cassandra.Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
  return createApp({
    client,
    logger: createLogger({ logLevel: 'silent' }),
    cursorSecret: randomBytes(32),
    rateLimitSignPerMinute: 30,
    trustProxy,
  });
}
