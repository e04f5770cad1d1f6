// `npm start`: the guestbook on http://localhost:3000, on a local Cassandra node that this script starts itself unless
// CASSANDRA_CONTACT_POINTS points at one. Entries live in .data/cassandra (or $GUESTBOOK_DATA_DIR) and survive restarts.
// Ctrl-C stops everything.
import { resolve } from 'node:path';
import { CassandraNode, MissingPrerequisiteError } from '@guestbook/cassandra';
import { ConfigError, startServer } from '@guestbook/api';
import { lanAnnouncement, listenSettings } from './lan.js';

const NODE_DIR = resolve(process.env.GUESTBOOK_DATA_DIR ?? resolve(import.meta.dirname, '..', '.data'), 'cassandra');

async function main(): Promise<void> {
  let node: CassandraNode | undefined;
  const env: Record<string, string> = {};
  if (!process.env.CASSANDRA_CONTACT_POINTS) {
    node = await CassandraNode.start({ directory: NODE_DIR, clusterName: 'guestbook-local', log: (line) => console.log(line) });
    env.CASSANDRA_CONTACT_POINTS = node.contactPoint;
  }
  const listen = listenSettings(process.argv.slice(2), process.env);
  const api = await startServer({ ...env, ...listen.env });
  console.log(`\nThe guestbook is running at ${api.url}${node ? ` (Cassandra started in ${(node.startupMs / 1000).toFixed(1)} s)` : ''}`);
  const { host, rateLimitSignPerMinute: signsPerMinute } = api.config;
  if (listen.lan) console.log(await lanAnnouncement({ host, port: api.port, signsPerMinute }));
  console.log('Press Ctrl-C to stop.\n');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the API and Cassandra...');
    await api.close();
    await node?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const known = error instanceof MissingPrerequisiteError || error instanceof ConfigError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
