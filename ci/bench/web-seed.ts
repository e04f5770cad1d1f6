import cassandra from 'cassandra-driver';

const { Client, concurrent, types } = cassandra;

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
  const client = new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1', keyspace });
  await client.connect();
  try {
    const now = Date.now();
    const span = days * 24 * 3600 * 1000;
    const byDay: { query: string; params: unknown[] }[] = [];
    const seenDays = new Set<string>();
    for (let i = 0; i < count; i++) {
      const date = new Date(now - Math.floor((i / count) * span));
      const id = types.TimeUuid.fromDate(date, i % 10_000);
      const day = date.toISOString().slice(0, 10);
      const name = `${NAMES[i % NAMES.length]} ${i}`;
      const message = MESSAGES[i % MESSAGES.length]!;
      byDay.push({ query: 'INSERT INTO entries_by_day (day, id, name, message) VALUES (?, ?, ?, ?)', params: [day, id, name, message] });
      byDay.push({ query: 'INSERT INTO entries_by_id (id, day, name, message) VALUES (?, ?, ?, ?)', params: [id, day, name, message] });
      if (!seenDays.has(day)) {
        seenDays.add(day);
        byDay.push({ query: 'INSERT INTO entry_days (shard, day) VALUES (0, ?)', params: [day] });
      }
    }
    const began = performance.now();
    await concurrent.executeConcurrent(client, byDay, { concurrencyLevel: 64 });
    return performance.now() - began;
  } finally {
    await client.shutdown();
  }
}
