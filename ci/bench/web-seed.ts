import { entryRowAt, entryWrites } from '@guestbook/api';
import { withClient } from '../snapshot/cql-client.js';

const NAMES = [
  'Ada',
  'Grace Hopper',
  'Linus',
  'Zoë',
  'José',
  'Søren',
  '山田太郎',
  'محمد',
  'דנה',
  'Ελένη',
  'Пётр',
  '👩‍💻 dev',
];
const MESSAGES = [
  'Lovely site, thanks!',
  'Greetings from the other side of the world 🌍',
  'First time here.\nWill come back.',
  'Dropped by after the meetup — great talk about Cassandra snapshots.',
  'こんにちは！素晴らしいサイトですね。',
  'مرحبا! شكرا على الموقع',
];

/** Requests in flight: enough to keep Cassandra's write path busy on two cores without timing out. */
const CONCURRENCY = 128;

/**
 * Writes `count` entries straight into a keyspace the API has already created (the API's own table writes, CONCURRENCY
 * at a time, generated as they are sent so a million entries need no million objects in memory), spread evenly over
 * `days` days ending now, as if the guestbook had been signed for that long.
 */
export async function seedEntries(
  contactPoint: string,
  keyspace: string,
  count: number,
  days: number,
): Promise<number> {
  const now = Date.now();
  const span = days * 24 * 3600 * 1000;
  return withClient(
    { contactPoints: [contactPoint] },
    async (client) => {
      const began = performance.now();
      const seenDays = new Set<string>();
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < count; i = next++) {
          const entry = { name: `${NAMES[i % NAMES.length]} ${i}`, message: MESSAGES[i % MESSAGES.length]! };
          const row = entryRowAt(entry, new Date(now - Math.floor((i / count) * span)), i % 10_000);
          // The days index needs one row per day; the first entry of each day writes it.
          const writes = entryWrites(row).filter((write, index) => index < 2 || !seenDays.has(row.day));
          seenDays.add(row.day);
          await Promise.all(writes.map(({ query, params }) => client.execute(query, params, { prepare: true })));
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY / 2 }, worker));
      return performance.now() - began;
    },
    keyspace,
  );
}
