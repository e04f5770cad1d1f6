import { entryFromRow, type StoredEntry } from '@guestbook/api';
import type cassandra from 'cassandra-driver';
import { connect, type CqlEndpoint } from '../snapshot/cql-client.js';

/** One entry as the keyspace holds it, with the day partition it sits in: what the API must reproduce exactly. */
export interface StoredRow extends StoredEntry {
  day: string;
}

export interface StoredEntries {
  /** entries_by_day, in the order the list must return them: newest day first, newest entry first within a day. */
  listOrder: StoredRow[];
  /** entries_by_id: what GET /api/entries/:id must return. */
  byId: Map<string, StoredRow>;
}

const FETCH_SIZE = 1000;

const toStored = (row: cassandra.types.Row, day: string): StoredRow => ({ ...entryFromRow(row), day });

/** Reads every entry straight from the keyspace (not through the API under test), page by page. */
export async function readStoredEntries(endpoint: CqlEndpoint, keyspace: string): Promise<StoredEntries> {
  const client = await connect(endpoint, keyspace);
  try {
    const options = { prepare: true, fetchSize: FETCH_SIZE };
    const days: string[] = [];
    for await (const row of await client.execute('SELECT day FROM entry_days WHERE shard = 0', [], options)) days.push(row.get('day'));
    const listOrder: StoredRow[] = [];
    for (const day of days) {
      const rows = await client.execute('SELECT id, name, message FROM entries_by_day WHERE day = ?', [day], options);
      for await (const row of rows) listOrder.push(toStored(row, day));
    }
    const byId = new Map<string, StoredRow>();
    for await (const row of await client.execute('SELECT id, day, name, message FROM entries_by_id', [], options)) {
      const entry = toStored(row, row.get('day'));
      byId.set(entry.id, entry);
    }
    return { listOrder, byId };
  } finally {
    await client.shutdown();
  }
}
