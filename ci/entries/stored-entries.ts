import cassandra from 'cassandra-driver';
import type { CqlEndpoint } from '../snapshot/index.js';

/** One entry as the keyspace holds it: what every answer of the API must reproduce exactly. */
export interface StoredEntry {
  id: string;
  day: string;
  name: string;
  message: string;
  createdAt: string;
}

export interface StoredEntries {
  /** entries_by_day, in the order the list must return them: newest day first, newest entry first within a day. */
  listOrder: StoredEntry[];
  /** entries_by_id: what GET /api/entries/:id must return. */
  byId: Map<string, StoredEntry>;
}

const FETCH_SIZE = 1000;

function toStored(row: cassandra.types.Row, day: string): StoredEntry {
  const id = row.get('id') as InstanceType<typeof cassandra.types.TimeUuid>;
  return { id: id.toString(), day, name: row.get('name'), message: row.get('message'), createdAt: id.getDate().toISOString() };
}

/** Reads every entry straight from the keyspace (not through the API under test), page by page. */
export async function readStoredEntries(endpoint: CqlEndpoint, keyspace: string): Promise<StoredEntries> {
  const client = new cassandra.Client({
    contactPoints: endpoint.contactPoints,
    localDataCenter: endpoint.localDataCenter ?? 'datacenter1',
    keyspace,
    ...(endpoint.credentials ? { credentials: endpoint.credentials } : {}),
    socketOptions: { readTimeout: 60_000 },
  });
  await client.connect();
  try {
    const options = { prepare: true, fetchSize: FETCH_SIZE };
    const days: string[] = [];
    for await (const row of await client.execute('SELECT day FROM entry_days WHERE shard = 0', [], options)) days.push(row.get('day'));
    const listOrder: StoredEntry[] = [];
    for (const day of days) {
      const rows = await client.execute('SELECT id, name, message FROM entries_by_day WHERE day = ?', [day], options);
      for await (const row of rows) listOrder.push(toStored(row, day));
    }
    const byId = new Map<string, StoredEntry>();
    for await (const row of await client.execute('SELECT id, day, name, message FROM entries_by_id', [], options)) {
      const entry = toStored(row, row.get('day'));
      byId.set(entry.id, entry);
    }
    return { listOrder, byId };
  } finally {
    await client.shutdown();
  }
}
