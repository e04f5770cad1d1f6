import cassandra from 'cassandra-driver';

const { Client, types } = cassandra;

const NAMES = ['Ada', 'Grace Hopper', 'Linus', 'Zoë', 'José', 'Søren', '山田太郎', 'محمد', 'דנה', 'Ελένη', 'Пётр', '👩‍💻 dev'];
const MESSAGES = [
  'Lovely site, thanks!',
  'Greetings from the other side of the world 🌍',
  'First time here.\nWill come back.',
  'Dropped by after the meetup — great talk about Cassandra snapshots.',
  'こんにちは！素晴らしいサイトですね。',
  'مرحبا! شكرا على الموقع',
];

const INSERT_BY_DAY = 'INSERT INTO entries_by_day (day, id, name, message) VALUES (?, ?, ?, ?)';
const INSERT_BY_ID = 'INSERT INTO entries_by_id (id, day, name, message) VALUES (?, ?, ?, ?)';
const INSERT_DAY = 'INSERT INTO entry_days (shard, day) VALUES (0, ?)';
/** Requests in flight: enough to keep Cassandra's write path busy on two cores without timing out. */
const CONCURRENCY = 128;

/**
 * Writes `count` entries straight into a keyspace the API has already created (prepared INSERTs into the three tables,
 * CONCURRENCY at a time, generated as they are sent so a million entries need no million objects in memory), spread
 * evenly over `days` days ending now, as if the guestbook had been signed for that long.
 */
export async function seedEntries(contactPoint: string, keyspace: string, count: number, days: number): Promise<number> {
  const client = new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1', keyspace });
  await client.connect();
  try {
    const now = Date.now();
    const span = days * 24 * 3600 * 1000;
    const began = performance.now();
    const seenDays = new Set<string>();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const date = new Date(now - Math.floor((i / count) * span));
        const id = types.TimeUuid.fromDate(date, i % 10_000);
        const day = date.toISOString().slice(0, 10);
        const name = `${NAMES[i % NAMES.length]} ${i}`;
        const message = MESSAGES[i % MESSAGES.length]!;
        const writes = [
          client.execute(INSERT_BY_DAY, [day, id, name, message], { prepare: true }),
          client.execute(INSERT_BY_ID, [id, day, name, message], { prepare: true }),
        ];
        if (!seenDays.has(day)) {
          seenDays.add(day);
          writes.push(client.execute(INSERT_DAY, [day], { prepare: true }));
        }
        await Promise.all(writes);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY / 2 }, worker));
    return performance.now() - began;
  } finally {
    await client.shutdown();
  }
}
