import { setTimeout as sleep } from 'node:timers/promises';
import cassandra from 'cassandra-driver';
import { NodeStartError } from './errors.js';
import type { CassandraNode } from './node.js';

/**
 * Ready means every node sees every node Up and Normal in its own gossip view (nodetool status on each), and a read at
 * consistency ALL answers: it needs a live replica on every node that holds the range. system_distributed has
 * replication factor 3 and system_traces 2 in Cassandra 5.0, so one of them spans all replicas of a 2- or 3-node ring.
 */
export async function waitUntilClusterIsUp(nodes: CassandraNode[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const node of nodes) {
    while ((await countUpAndNormal(node)) < nodes.length) {
      if (Date.now() > deadline) {
        throw new NodeStartError(
          `The node on ${node.host} did not see all ${nodes.length} nodes Up and Normal within ${timeoutMs / 1000} s: ` +
            `run "npm run cassandra -- nodetool status" and read ${node.directory}/logs/system.log.`,
        );
      }
      await sleep(500);
    }
  }
  await answersAtAll(nodes, deadline);
}

async function countUpAndNormal(node: CassandraNode): Promise<number> {
  const status = await node.nodetool('status').catch(() => '');
  return status.split('\n').filter((line) => /^UN\s/.test(line)).length;
}

async function answersAtAll(nodes: CassandraNode[], deadline: number): Promise<void> {
  const table = nodes.length >= 3 ? 'system_distributed.view_build_status' : 'system_traces.sessions';
  const client = new cassandra.Client({
    contactPoints: nodes.map((node) => node.contactPoint),
    localDataCenter: 'datacenter1',
    ...(nodes[0]!.credentials ? { credentials: nodes[0]!.credentials } : {}),
  });
  try {
    for (;;) {
      try {
        await client.execute(`SELECT * FROM ${table} LIMIT 1`, [], { consistency: cassandra.types.consistencies.all });
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new NodeStartError(`A read at consistency ALL did not answer: ${(error as Error).message}`);
        }
        await sleep(500);
      }
    }
  } finally {
    await client.shutdown().catch(() => {});
  }
}
