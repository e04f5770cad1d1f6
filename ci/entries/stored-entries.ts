import { entryFromRow, type StoredEntry } from '@guestbook/api';
import type cassandra from 'cassandra-driver';
import { connect, type CqlEndpoint } from '../snapshot/cql-client.js';

/** One entry as the keyspace holds it, with the day partition it sits in: what the API must reproduce exactly. */
export interface StoredRow extends StoredEntry {
  day: string;
}

const FETCH_SIZE = 1000;
const OPTIONS = { prepare: true, fetchSize: FETCH_SIZE };

const toStored = (row: cassandra.types.Row, day: string): StoredRow => ({ ...entryFromRow(row), day });

/** Rows of a query, one driver page in memory at a time; the client is closed when the caller stops reading. */
async function* streamRows(
  endpoint: CqlEndpoint,
  keyspace: string,
  read: (client: cassandra.Client) => AsyncGenerator<StoredRow>,
): AsyncGenerator<StoredRow> {
  const client = await connect(endpoint, keyspace);
  try {
    yield* read(client);
  } finally {
    await client.shutdown();
  }
}

/**
 * Every entry in the order GET /api/entries must list them: newest day first (entry_days), newest entry first within
 * a day (entries_by_day). Read straight from the keyspace, not through the API under test.
 */
export function streamListOrder(endpoint: CqlEndpoint, keyspace: string): AsyncGenerator<StoredRow> {
  return streamRows(endpoint, keyspace, async function* (client) {
    // The days index holds one short row per day: a few thousand after years of signing.
    const days: string[] = [];
    for await (const row of await client.execute('SELECT day FROM entry_days WHERE shard = 0', [], OPTIONS)) {
      days.push(row.get('day'));
    }
    for (const day of days) {
      const rows = await client.execute('SELECT id, name, message FROM entries_by_day WHERE day = ?', [day], OPTIONS);
      for await (const row of rows) yield toStored(row, day);
    }
  });
}

/** Every row of entries_by_id (what GET /api/entries/:id must return), in token order. */
export function streamById(endpoint: CqlEndpoint, keyspace: string): AsyncGenerator<StoredRow> {
  return streamRows(endpoint, keyspace, async function* (client) {
    for await (const row of await client.execute('SELECT id, day, name, message FROM entries_by_id', [], OPTIONS)) {
      yield toStored(row, row.get('day'));
    }
  });
}
