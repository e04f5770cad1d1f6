import { readFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';
import type { CqlEndpoint } from '../../snapshot/cql-client.js';

const { Long, TimeUuid, consistencies } = cassandra.types;

const PAUSE_MS = 150;

/** One write to entries_by_id as its writer saw it: exact text, the write time it carried, when it went and came back. */
export interface RecordedWrite {
  id: string;
  name: string;
  message: string;
  /** Microseconds, set by the writer (USING TIMESTAMP), unique per write. */
  writeTime: bigint;
  consistency: 'ONE' | 'QUORUM';
  sentAt: number;
  /** Undefined when the write failed or timed out: it may or may not have been applied. */
  acknowledgedAt?: number;
}

/**
 * Lanes writing new entries into entries_by_id, half at ONE and half at QUORUM, each write recorded. Writes keep going
 * until stop() resolves; a failed write is recorded too (unacknowledged), since it may still have reached a replica.
 */
export function startWriting(endpoint: CqlEndpoint, keyspace: string, day: string, lanes = 4) {
  const client = new cassandra.Client({
    contactPoints: endpoint.contactPoints,
    localDataCenter: 'datacenter1',
    keyspace,
    queryOptions: { prepare: true },
  });
  const writes: RecordedWrite[] = [];
  let writing = true;
  let sequence = 0;
  const lane = async (number: number) => {
    const consistency = number % 2 === 0 ? 'ONE' : 'QUORUM';
    for (let n = 0; writing; n++) {
      const sentAt = Date.now();
      const write: RecordedWrite = {
        id: TimeUuid.now().toString(),
        name: `lane ${number} Zoë ✓`,
        message: `write ${n} at ${consistency} 👩‍👩‍👧`,
        writeTime: BigInt(sentAt) * 1000n + BigInt(sequence++ % 1000),
        consistency,
        sentAt,
      };
      writes.push(write);
      try {
        await client.execute(
          'INSERT INTO entries_by_id (id, day, name, message) VALUES (?, ?, ?, ?) USING TIMESTAMP ?',
          [write.id, day, write.name, write.message, Long.fromString(String(write.writeTime))],
          { consistency: consistency === 'ONE' ? consistencies.one : consistencies.quorum },
        );
        write.acknowledgedAt = Date.now();
      } catch {
        // recorded as unacknowledged
      }
      // A few thousand writes over the minutes a node takes to restart here, not tens of thousands.
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  };
  const running = Promise.all(Array.from({ length: lanes }, (_, at) => lane(at + 1)));
  return {
    writes,
    async stop(): Promise<RecordedWrite[]> {
      writing = false;
      await running;
      await client.shutdown();
      return writes;
    },
  };
}

/** An entries_by_id row as read back: id, exact text, and the message cell's write time. */
export interface StoredEntry {
  id: string;
  name: string;
  message: string;
  writeTime: bigint;
}

/** Every row of entries_by_id at the given consistency, page by page. */
export async function readEntries(
  endpoint: CqlEndpoint,
  keyspace: string,
  consistency: number,
): Promise<Map<string, StoredEntry>> {
  const client = new cassandra.Client({ contactPoints: endpoint.contactPoints, localDataCenter: 'datacenter1' });
  try {
    const rows = new Map<string, StoredEntry>();
    let pageState: string | undefined;
    do {
      const page = await client.execute(
        `SELECT id, name, message, WRITETIME(message) AS wt FROM ${keyspace}.entries_by_id`,
        [],
        { prepare: true, consistency, fetchSize: 1000, autoPage: false, ...(pageState ? { pageState } : {}) },
      );
      for (const row of page.rows) {
        const id = String(row.get('id'));
        rows.set(id, {
          id,
          name: row.get('name'),
          message: row.get('message'),
          writeTime: BigInt(String(row.get('wt'))),
        });
      }
      pageState = page.pageState ?? undefined;
    } while (pageState);
    return rows;
  } finally {
    await client.shutdown();
  }
}

/** Resident memory of a process (a node's JVM), in MiB, from /proc. */
export function residentMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}
