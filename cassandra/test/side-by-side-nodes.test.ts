import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CassandraNode } from '../src/node.js';
import { isAlive } from '../src/processes.js';

const root = mkdtempSync(join(tmpdir(), 'cassandra-runtime-'));
let production: CassandraNode;
let ci: CassandraNode;

beforeAll(async () => {
  [production, ci] = await Promise.all([
    CassandraNode.start({ directory: join(root, 'production'), clusterName: 'production' }),
    CassandraNode.start({ directory: join(root, 'ci'), clusterName: 'ci' }),
  ]);
});
afterAll(async () => {
  await Promise.all([production?.stop(), ci?.stop()]);
  rmSync(root, { recursive: true, force: true });
});

async function query(node: CassandraNode, cql: string): Promise<cassandra.types.ResultSet> {
  const client = new cassandra.Client({ contactPoints: [node.contactPoint], localDataCenter: 'datacenter1' });
  try {
    return await client.execute(cql);
  } finally {
    await client.shutdown();
  }
}

describe('two nodes side by side', () => {
  it('when both run, then each answers CQL on its own port as its own cluster', async () => {
    const [a, b] = await Promise.all(
      [production, ci].map((n) => query(n, 'SELECT cluster_name, release_version FROM system.local')),
    );

    expect(production.nativePort).not.toBe(ci.nativePort);
    expect(a!.first().get('cluster_name')).toBe('production');
    expect(b!.first().get('cluster_name')).toBe('ci');
    expect(a!.first().get('release_version')).toMatch(/^5\.0\./);
  });

  it('when a keyspace is created on one, then the other does not see it', async () => {
    await query(
      production,
      "CREATE KEYSPACE only_here WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
    );

    const onCi = await query(ci, "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'only_here'");

    expect(onCi.rowLength).toBe(0);
  });

  it('when nodetool runs, then it talks to the node it was asked about', async () => {
    const info = await ci.nodetool('describecluster');

    expect(info).toContain('Name: ci');
  });

  it('when nodetool is given a bad command, then the error carries its message', async () => {
    await expect(ci.nodetool('no-such-command')).rejects.toThrow(/nodetool no-such-command failed/);
  });

  it('when a node is stopped, then its JVM is gone and a restart reuses its ports', async () => {
    const { pid, nativePort } = ci;
    await ci.stop();
    expect(isAlive(pid)).toBe(false);

    ci = await CassandraNode.start({ directory: join(root, 'ci') });

    expect(ci.nativePort).toBe(nativePort);
    expect((await query(ci, 'SELECT cluster_name FROM system.local')).first().get('cluster_name')).toBe('ci');
  });

  it('when a second start is attempted on a running node directory, then it is refused', async () => {
    await expect(CassandraNode.start({ directory: join(root, 'production') })).rejects.toThrow(/already running/);
  });
});
