import { join } from 'node:path';
import { CassandraNode } from '@guestbook/cassandra';
import cassandra from 'cassandra-driver';

/** Cassandra 5.0's dynamic data masking functions; (1, 1): one character exposed or masked at each end. */
export const CASSANDRA_FUNCTIONS = ['mask_inner(v, 1, 1)', 'mask_outer(v, 1, 1)', 'mask_default(v)'] as const;

/**
 * Runs each function on a real node: the values go in as text cells and come back as the driver reads the function's
 * result (what a client of a masked column would see). Results by function, in the order of `values`.
 */
export async function maskWithCassandra(
  values: readonly string[],
  home: string,
  log: (line: string) => void,
): Promise<Map<string, string[]>> {
  const node = await CassandraNode.start({ directory: join(home, 'node'), clusterName: 'masking-compare', log });
  const client = new cassandra.Client({ contactPoints: [node.contactPoint], localDataCenter: 'datacenter1' });
  try {
    await client.execute(
      "CREATE KEYSPACE IF NOT EXISTS masking_compare WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
    );
    await client.execute('CREATE TABLE IF NOT EXISTS masking_compare.samples (id int PRIMARY KEY, v text)');
    for (const [id, value] of values.entries()) {
      await client.execute('INSERT INTO masking_compare.samples (id, v) VALUES (?, ?)', [id, value], { prepare: true });
    }
    const results = new Map<string, string[]>();
    for (const fn of CASSANDRA_FUNCTIONS) {
      const select = `SELECT id, ${fn} AS masked FROM masking_compare.samples`;
      const rows = await client.execute(select, [], { fetchSize: 10_000 });
      const byId = new Map(rows.rows.map((row) => [Number(row.get('id')), String(row.get('masked'))]));
      results.set(
        fn,
        values.map((_, id) => byId.get(id) ?? ''),
      );
    }
    return results;
  } finally {
    await client.shutdown();
    await node.stop();
  }
}
