import { entryFromRow } from '@guestbook/api';
import cassandra from 'cassandra-driver';
import type { StoredRow } from '../entries/stored-entries.js';
import { withClient, type CqlEndpoint } from '../snapshot/cql-client.js';

const { types } = cassandra;

/** Newest first, as the list shows them: by time, then by id to keep the order stable. */
function listOrder(entries: Iterable<StoredRow>): StoredRow[] {
  return [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/**
 * Where the shrink starts: the entries the replay named, plus up to `neighbours` entries on each side of each of them
 * in its day partition. The findings already narrow a million rows to a handful; the neighbours let the shrink show
 * that the named ones, and only they, break the check (a failure that needs two entries side by side shows up too).
 */
export async function startingCandidates(
  source: { endpoint: CqlEndpoint; keyspace: string },
  named: readonly StoredRow[],
  neighbours = 5,
): Promise<StoredRow[]> {
  const byId = new Map(named.map((entry) => [entry.id, entry]));
  await withClient(
    source.endpoint,
    async (client) => {
      for (const entry of named) {
        const id = types.TimeUuid.fromString(entry.id);
        // Older ones come newest first (the table's order); newer ones need the order turned to come nearest first.
        for (const side of ['id < ?', 'id > ? ORDER BY id ASC']) {
          const rows = await client.execute(
            `SELECT id, name, message FROM entries_by_day WHERE day = ? AND ${side} LIMIT ?`,
            [entry.day, id, neighbours],
            { prepare: true },
          );
          for (const row of rows.rows) {
            const neighbour = { ...entryFromRow(row), day: entry.day };
            if (!byId.has(neighbour.id)) byId.set(neighbour.id, neighbour);
          }
        }
      }
    },
    source.keyspace,
  );
  return listOrder(byId.values());
}
