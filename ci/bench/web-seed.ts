import { dayWrite, entryRowAt, entryTableWrites, type Write } from '@guestbook/api';
import cassandra from 'cassandra-driver';
import { withClient } from '../snapshot/cql-client.js';

const { concurrent } = cassandra;

const NAMES = ['Ada', 'Grace Hopper', 'Linus', 'Zoë', 'José', 'Søren', '山田太郎', 'محمد', 'דנה', 'Ελένη', 'Пётр', '👩‍💻 dev'];
const MESSAGES = [
  'Lovely site, thanks!',
  'Greetings from the other side of the world 🌍',
  'First time here.\nWill come back.',
  'Dropped by after the meetup — great talk about Cassandra snapshots.',
  'こんにちは！素晴らしいサイトですね。',
  'مرحبا! شكرا على الموقع',
];

/**
 * Writes `count` entries straight into a keyspace the API has already created (prepared INSERTs into the three tables),
 * spread evenly over `days` days ending now, as if the guestbook had been signed for that long.
 */
export async function seedEntries(contactPoint: string, keyspace: string, count: number, days: number): Promise<number> {
  const now = Date.now();
  const span = days * 24 * 3600 * 1000;
  const writes: Write[] = [];
  const seenDays = new Set<string>();
  for (let i = 0; i < count; i++) {
    const entry = { name: `${NAMES[i % NAMES.length]} ${i}`, message: MESSAGES[i % MESSAGES.length]! };
    const row = entryRowAt(entry, new Date(now - Math.floor((i / count) * span)), i % 10_000);
    writes.push(...entryTableWrites(row));
    if (!seenDays.has(row.day)) {
      seenDays.add(row.day);
      writes.push(dayWrite(row.day));
    }
  }
  return withClient(
    { contactPoints: [contactPoint] },
    async (client) => {
      const began = performance.now();
      await concurrent.executeConcurrent(client, writes, { concurrencyLevel: 64 });
      return performance.now() - began;
    },
    keyspace,
  );
}
