import cassandra from 'cassandra-driver';
import type { CassandraClient } from '../cassandra.js';
import type { EntryPage, NewEntry, Position, StoredEntry } from './entry.js';

const { TimeUuid } = cassandra.types;

const INSERT_BY_DAY = 'INSERT INTO entries_by_day (day, id, name, message) VALUES (?, ?, ?, ?)';
const INSERT_BY_ID = 'INSERT INTO entries_by_id (id, day, name, message) VALUES (?, ?, ?, ?)';
const INSERT_DAY = 'INSERT INTO entry_days (shard, day) VALUES (0, ?)';
const SELECT_BY_ID = 'SELECT id, name, message FROM entries_by_id WHERE id = ?';
const SELECT_DAY_FIRST = 'SELECT id, name, message FROM entries_by_day WHERE day = ? LIMIT ?';
const SELECT_DAY_AFTER = 'SELECT id, name, message FROM entries_by_day WHERE day = ? AND id < ? LIMIT ?';
const SELECT_NEWEST_DAY = 'SELECT day FROM entry_days WHERE shard = 0 LIMIT 1';
const SELECT_PREVIOUS_DAY = 'SELECT day FROM entry_days WHERE shard = 0 AND day < ? LIMIT 1';

/** All CQL for entries lives here; rows come out as plain objects. */
export class EntriesRepository {
  constructor(private readonly client: CassandraClient) {}

  /** Writes the entry to every table that serves a query, atomically (logged batch); safe to retry since the id is ours. */
  async insert(entry: NewEntry, at: Date = new Date()): Promise<StoredEntry> {
    const id = TimeUuid.fromDate(at);
    const day = dayOf(at);
    await this.client.batch(
      [
        { query: INSERT_BY_DAY, params: [day, id, entry.name, entry.message] },
        { query: INSERT_BY_ID, params: [id, day, entry.name, entry.message] },
        { query: INSERT_DAY, params: [day] },
      ],
      { prepare: true, logged: true, isIdempotent: true },
    );
    return { id: id.toString(), name: entry.name, message: entry.message, createdAt: at.toISOString() };
  }

  async findById(id: string): Promise<StoredEntry | undefined> {
    const row = (await this.client.execute(SELECT_BY_ID, [id], { isIdempotent: true })).first();
    return row ? toEntry(row) : undefined;
  }

  /** Newest first, `limit` entries after `after`, walking back through day partitions that have entries. */
  async page(limit: number, after?: Position): Promise<EntryPage> {
    const found: Array<{ day: string; entry: StoredEntry }> = [];
    let day: string | undefined = after?.day ?? (await this.newestDay());
    let afterId = after?.id;
    // One more than asked tells whether a next page exists without handing out a cursor to an empty page.
    while (day !== undefined && found.length <= limit) {
      const wanted = limit + 1 - found.length;
      const rows = afterId
        ? await this.client.execute(SELECT_DAY_AFTER, [day, afterId, wanted], { isIdempotent: true })
        : await this.client.execute(SELECT_DAY_FIRST, [day, wanted], { isIdempotent: true });
      for (const row of rows.rows) found.push({ day, entry: toEntry(row) });
      if (found.length > limit) break;
      day = await this.previousDay(day);
      afterId = undefined;
    }
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return { entries: page.map((f) => f.entry), next: found.length > limit && last ? { day: last.day, id: last.entry.id } : null };
  }

  private async newestDay(): Promise<string | undefined> {
    return (await this.client.execute(SELECT_NEWEST_DAY, [], { isIdempotent: true })).first()?.get('day');
  }

  private async previousDay(day: string): Promise<string | undefined> {
    return (await this.client.execute(SELECT_PREVIOUS_DAY, [day], { isIdempotent: true })).first()?.get('day');
  }
}

/** The UTC calendar day an entry belongs to: its partition in entries_by_day. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function toEntry(row: cassandra.types.Row): StoredEntry {
  const id = row.get('id') as InstanceType<typeof TimeUuid>;
  return { id: id.toString(), name: row.get('name'), message: row.get('message'), createdAt: id.getDate().toISOString() };
}
