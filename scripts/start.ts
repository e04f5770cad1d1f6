// `npm start`: the guestbook on http://localhost:3000, on a local Cassandra node that this script starts itself unless
// CASSANDRA_CONTACT_POINTS points at one. Entries live in .data/cassandra (or $GUESTBOOK_DATA_DIR) and survive restarts.
// Ctrl-C stops everything, also while Cassandra is still starting. A failure prints one sentence; --verbose adds the
// details.
import { resolve } from 'node:path';
import { CassandraNode, onShutdown } from '@guestbook/cassandra';
import { startServer, type RunningServer } from '@guestbook/api';
import { lanAnnouncement, listenSettings } from './lan.js';
import { describeStartFailure } from './start-failure.js';

const NODE_DIR = resolve(process.env.GUESTBOOK_DATA_DIR ?? resolve(import.meta.dirname, '..', '.data'), 'cassandra');
const verbose = process.argv.includes('--verbose');

let node: CassandraNode | undefined;
let api: RunningServer | undefined;

async function stopAll(): Promise<void> {
  await api?.close().catch(() => {});
  await node?.stop().catch(() => {});
}

// Registered before start-up: a JVM still starting is killed by the runtime once these steps are done.
onShutdown(async () => {
  console.log('\nStopping the API and Cassandra...');
  await stopAll();
});

async function main(): Promise<void> {
  const env: Record<string, string> = {};
  if (!process.env.CASSANDRA_CONTACT_POINTS) {
    node = await CassandraNode.start({
      directory: NODE_DIR,
      clusterName: 'guestbook-local',
      log: (line) => console.log(line),
    });
    env.CASSANDRA_CONTACT_POINTS = node.contactPoint;
  }
  const listen = listenSettings(process.argv.slice(2), process.env);
  api = await startServer({ ...env, ...listen.env });
  console.log(
    `\nThe guestbook is running at ${api.url}${node ? ` (Cassandra started in ${(node.startupMs / 1000).toFixed(1)} s)` : ''}`,
  );
  const { host, rateLimitSignPerMinute: signsPerMinute } = api.config;
  if (listen.lan) console.log(await lanAnnouncement({ host, port: api.port, signsPerMinute }));
  console.log('Press Ctrl-C to stop.\n');
}

main().catch(async (error: unknown) => {
  console.error(describeStartFailure(error, verbose));
  await stopAll();
  process.exit(1);
});
