import cassandra from 'cassandra-driver';
import type { StoredEntry } from './entry.js';

const { TimeUuid } = cassandra.types;
type TimeUuid = InstanceType<typeof TimeUuid>;

// The table layout of cql/001_entries.cql, written in one place: the API, the seeds, the benchmarks and the test
// fixtures all put entries into the keyspace with these statements and read them back with entryFromRow().
const INSERT_BY_DAY = 'INSERT INTO entries_by_day (day, id, name, message) VALUES (?, ?, ?, ?)';
const INSERT_BY_ID = 'INSERT INTO entries_by_id (id, day, name, message) VALUES (?, ?, ?, ?)';
const INSERT_DAY = 'INSERT INTO entry_days (shard, day) VALUES (0, ?)';

/** An entry as its rows hold it: the timeuuid id and the day partition it belongs to. */
export interface EntryRow {
  id: TimeUuid;
  day: string;
  name: string;
  message: string;
}

export interface Write {
  query: string;
  params: unknown[];
}

/** The UTC calendar day an entry belongs to: its partition in entries_by_day. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The rows of an entry signed at `at`; `ticks` (0–9999) tells apart ids made for one millisecond. */
export function entryRowAt(entry: { name: string; message: string }, at: Date, ticks?: number): EntryRow {
  return { id: TimeUuid.fromDate(at, ticks), day: dayOf(at), name: entry.name, message: entry.message };
}

/** The entry's rows in the two tables that serve the list and the lookup by id. */
export function entryTableWrites(row: EntryRow): Write[] {
  return [
    { query: INSERT_BY_DAY, params: [row.day, row.id, row.name, row.message] },
    { query: INSERT_BY_ID, params: [row.id, row.day, row.name, row.message] },
  ];
}

/** The days index row: once per day is enough, writing it again changes nothing. */
export function dayWrite(day: string): Write {
  return { query: INSERT_DAY, params: [day] };
}

/** Everything one entry needs in the keyspace, in every table that serves a query. */
export function entryWrites(row: EntryRow): Write[] {
  return [...entryTableWrites(row), dayWrite(row.day)];
}

/** A row of entries_by_day or entries_by_id as the entry it stores; the time comes from the timeuuid. */
export function entryFromRow(row: cassandra.types.Row): StoredEntry {
  const id = row.get('id') as TimeUuid;
  return {
    id: id.toString(),
    name: row.get('name'),
    message: row.get('message'),
    createdAt: id.getDate().toISOString(),
  };
}
