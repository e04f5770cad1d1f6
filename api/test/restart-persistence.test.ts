import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraNode, cassandraJvmsUnder } from '@guestbook/cassandra';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';

const root = mkdtempSync(join(tmpdir(), 'guestbook-restart-'));
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  // Killed first, whatever state the test left them in (a node still starting is not in `stops` yet): the data is
  // thrown away, and a drain on a loaded machine could outlast the hook's own timeout.
  for (const pid of cassandraJvmsUnder(root)) process.kill(-pid, 'SIGKILL');
  for (const stop of stops.reverse()) await stop().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

async function stackOn(node: CassandraNode): Promise<RunningServer> {
  const api = await startServer({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    CASSANDRA_CONTACT_POINTS: node.contactPoint,
    CASSANDRA_KEYSPACE: 'restart_test',
  });
  stops.push(() => api.close());
  return api;
}

describe('restart persistence', () => {
  // Two node starts (each may take up to its own 180 s limit) and a drain in a row: 5 minutes were not always enough
  // on a two-core machine shared with other Cassandra tests.
  const twoStarts = { timeout: 600_000 };
  it('when the API and Cassandra restart on the same data, then every entry is still there', twoStarts, async () => {
    const directory = join(root, 'node');
    const first = await CassandraNode.start({ directory });
    stops.push(() => first.stop());
    const api = await stackOn(first);
    const signed = [];
    for (const name of ['before restart', 'zweite Eintragung', '再起動の前']) {
      const res = await fetch(`${api.url}/api/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, message: `${name} 🦄` }),
      });
      signed.push(await res.json());
    }
    await api.close();
    await first.stop();

    const second = await CassandraNode.start({ directory });
    stops.push(() => second.stop());
    const again = await stackOn(second);
    const listed = (await (await fetch(`${again.url}/api/entries`)).json()) as { entries: unknown[] };

    expect(second.contactPoint).toBe(first.contactPoint);
    expect(listed.entries).toEqual(signed.reverse());
  });
});
