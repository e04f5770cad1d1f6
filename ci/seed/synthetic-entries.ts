import { applySchema, createKeyspace, dayOf, dayWrite, entryTableWrites, type EntryRow } from '@guestbook/api';
import cassandra from 'cassandra-driver';
import { connect, withClient, type CqlEndpoint } from '../snapshot/cql-client.js';
import { seededRandom } from '../entries/seeded-random.js';

const { concurrent, types } = cassandra;

/** Creates the keyspace (one replica unless told) and applies the API's own schema files to it. */
export async function applyGuestbookSchema(endpoint: CqlEndpoint, keyspace: string, replicas = 1): Promise<void> {
  await withClient(endpoint, (client) =>
    createKeyspace(client, keyspace, { class: 'SimpleStrategy', replication_factor: replicas }),
  );
  await withClient(endpoint, applySchema, keyspace);
}

// Names and words people really type into a guestbook, including what breaks naive code: accents, CJK, RTL, emoji
// with joiners, quotes, and line breaks in messages.
const NAMES = [
  'Ana María',
  'Zoë',
  '李雷',
  'Σωκράτης',
  "O'Brien",
  'Jürgen',
  'Ngozi',
  'Camille',
  'محمد',
  'Søren',
  'Priya',
  '🦊 Fox',
  'Łukasz',
  'José',
  'Иван',
];
const WORDS = [
  'hello',
  'lovely',
  'site',
  'greetings',
  'from',
  'Zürich',
  'café',
  'naïve',
  '日本',
  'שלום',
  'thanks',
  'for',
  'the',
  'party',
  '👩‍👩‍👧',
  '🎉',
  'see',
  'you',
  'soon',
  'great',
  'day',
  '"quoted"',
  'it’s',
  'über',
  'fiancée',
  '∑',
  'tab\there',
  'line\nbreak',
];

/** Deterministic entry number `i`: the same i gives the same entry (id included) on every run. */
export function syntheticEntry(i: number, days = 365, end = Date.UTC(2025, 0, 1)): EntryRow {
  const random = seededRandom(i + 1);
  const at = new Date(end - Math.floor(random() * days * 86_400_000));
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const id = types.TimeUuid.fromDate(at, Math.floor(random() * 10_000), bytes(6), bytes(2));
  const words = Array.from({ length: 3 + Math.floor(random() * 30) }, () => WORDS[Math.floor(random() * WORDS.length)]);
  return { day: dayOf(at), id, name: NAMES[Math.floor(random() * NAMES.length)]!, message: words.join(' ') };
}

/**
 * Writes entries [from, to) into the three tables the way the API lays them out, straight over CQL with prepared
 * statements and many requests in flight: a year of entries loads in minutes, not the hours the HTTP API would take.
 */
export async function writeSyntheticEntries(
  endpoint: CqlEndpoint,
  keyspace: string,
  range: { from: number; to: number },
  options: { onProgress?: (written: number) => void; concurrency?: number } = {},
): Promise<void> {
  const { onProgress = () => {}, concurrency = 128 } = options;
  const client = await connect(endpoint, keyspace);
  try {
    const days = new Set<string>();
    const chunk = 5000;
    for (let start = range.from; start < range.to; start += chunk) {
      const queries = [];
      for (let i = start; i < Math.min(start + chunk, range.to); i++) {
        const row = syntheticEntry(i);
        days.add(row.day);
        queries.push(...entryTableWrites(row));
      }
      await concurrent.executeConcurrent(client, queries, { concurrencyLevel: concurrency, raiseOnFirstError: true });
      onProgress(Math.min(start + chunk, range.to) - range.from);
    }
    await concurrent.executeConcurrent(client, [...days].map(dayWrite), { concurrencyLevel: 64 });
  } finally {
    await client.shutdown();
  }
}
