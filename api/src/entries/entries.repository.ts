import type { CassandraClient } from '../cassandra.js';
import { entryFromRow, entryRowAt, entryWrites } from './entry-rows.js';
import type { EntryPage, NewEntry, Position, StoredEntry } from './entry.js';

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
    const row = entryRowAt(entry, at);
    await this.client.batch(entryWrites(row), { prepare: true, logged: true, isIdempotent: true });
    return { id: row.id.toString(), name: entry.name, message: entry.message, createdAt: at.toISOString() };
  }

  async findById(id: string): Promise<StoredEntry | undefined> {
    const row = (await this.client.execute(SELECT_BY_ID, [id], { isIdempotent: true })).first();
    return row ? entryFromRow(row) : undefined;
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
      for (const row of rows.rows) found.push({ day, entry: entryFromRow(row) });
      if (found.length > limit) break;
      day = await this.previousDay(day);
      afterId = undefined;
    }
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return {
      entries: page.map((f) => f.entry),
      next: found.length > limit && last ? { day: last.day, id: last.entry.id } : null,
    };
  }

  private async newestDay(): Promise<string | undefined> {
    return (await this.client.execute(SELECT_NEWEST_DAY, [], { isIdempotent: true })).first()?.get('day');
  }

  private async previousDay(day: string): Promise<string | undefined> {
    return (await this.client.execute(SELECT_PREVIOUS_DAY, [day], { isIdempotent: true })).first()?.get('day');
  }
}
