import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CassandraCluster } from '../src/cluster.js';
import { cassandraJvmsUnder, isAlive } from '../src/processes.js';

/*
 * Three JVMs on two shared cores: each node starts in 20-70 s under load, one after another, so the hooks get minutes.
 * Run this file on its own (npx vitest run test/three-node-cluster.test.ts).
 */
const STARTUP_MS = 600_000;
const { consistencies } = cassandra.types;
const root = mkdtempSync(join(tmpdir(), 'cassandra-cluster-'));
let cluster: CassandraCluster;

beforeAll(async () => {
  cluster = await CassandraCluster.start({ directory: join(root, 'cluster'), nodes: 3, clusterName: 'three' });
}, STARTUP_MS);
afterAll(async () => {
  await cluster?.kill();
  rmSync(root, { recursive: true, force: true });
}, 120_000);

/** A client whose every request is coordinated by `contactPoint` alone. */
function clientVia(contactPoint: string, consistency: number): cassandra.Client {
  const { AllowListPolicy, DCAwareRoundRobinPolicy } = cassandra.policies.loadBalancing;
  return new cassandra.Client({
    contactPoints: [contactPoint],
    localDataCenter: 'datacenter1',
    policies: { loadBalancing: new AllowListPolicy(new DCAwareRoundRobinPolicy('datacenter1'), [contactPoint]) },
    queryOptions: { consistency, prepare: true },
  });
}

async function withClient<T>(client: cassandra.Client, use: (client: cassandra.Client) => Promise<T>): Promise<T> {
  try {
    return await use(client);
  } finally {
    await client.shutdown();
  }
}

describe('a three-node cluster on one machine', () => {
  it('when started, then three nodes on three addresses form one cluster, each owning its own token', async () => {
    const seen = await Promise.all(
      cluster.contactPoints.map((contactPoint) =>
        withClient(clientVia(contactPoint, consistencies.one), async (client) => ({
          local: (await client.execute('SELECT cluster_name, listen_address, tokens FROM system.local')).first(),
          peers: (await client.execute('SELECT peer FROM system.peers')).rows.map((row) => String(row.get('peer'))),
        })),
      ),
    );

    expect(cluster.contactPoints.map((point) => point.split(':')[0])).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(seen.map(({ local }) => local.get('cluster_name'))).toEqual(['three', 'three', 'three']);
    seen.forEach(({ local, peers }) => {
      const others = ['127.0.0.1', '127.0.0.2', '127.0.0.3'].filter(
        (host) => host !== String(local.get('listen_address')),
      );
      expect(peers.sort()).toEqual(others);
    });
    expect(new Set(seen.map(({ local }) => [...(local.get('tokens') as string[])].join())).size).toBe(3);
  });

  it('when rows are written at ALL into a keyspace with RF 3, then each node answers them at ONE and holds a replica', async () => {
    const rows = Array.from({ length: 20 }, (_, id) => ({ id, text: `entry ${id} ✓` }));
    await withClient(clientVia(cluster.contactPoints[0]!, consistencies.all), async (client) => {
      await client.execute(
        "CREATE KEYSPACE replicated WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}",
      );
      await client.execute('CREATE TABLE replicated.signatures (id int PRIMARY KEY, text text)');
      for (const row of rows) await client.execute('INSERT INTO replicated.signatures (id, text) VALUES (?, ?)', row);
    });

    for (const contactPoint of cluster.contactPoints) {
      const read = await withClient(clientVia(contactPoint, consistencies.one), (client) =>
        client.execute('SELECT id, text FROM replicated.signatures'),
      );
      expect(
        read.rows.map((row) => ({ id: row.get('id'), text: row.get('text') })).sort((a, b) => a.id - b.id),
      ).toEqual(rows);
    }
    for (const node of cluster.nodes) {
      await node.nodetool('flush', '--', 'replicated');
      const [tableDir] = readdirSync(join(node.dataDirectory, 'replicated'));
      expect(readdirSync(join(node.dataDirectory, 'replicated', tableDir!)).some((f) => f.endsWith('-Data.db'))).toBe(
        true,
      );
    }
  });

  it('when stopped, then every node was drained and no Cassandra JVM is left', async () => {
    const pids = cluster.nodes.map((node) => node.pid);

    await cluster.stop();

    expect(pids.filter(isAlive)).toEqual([]);
    expect(cassandraJvmsUnder(root)).toEqual([]);
    for (const node of cluster.nodes) {
      expect(readFileSync(join(node.directory, 'logs', 'system.log'), 'utf8')).toMatch(/DRAINED/);
    }
  }, 120_000);
});
