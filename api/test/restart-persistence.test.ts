import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraNode } from '@guestbook/cassandra';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';

const root = mkdtempSync(join(tmpdir(), 'guestbook-restart-'));
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

async function stackOn(node: CassandraNode): Promise<RunningServer> {
  const api = await startServer({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', CASSANDRA_CONTACT_POINTS: node.contactPoint, CASSANDRA_KEYSPACE: 'restart_test' });
  stops.push(() => api.close());
  return api;
}

describe('restart persistence', () => {
  it('when the API and Cassandra stop and start again on the same data directory, then every entry is still there', async () => {
    const directory = join(root, 'node');
    const first = await CassandraNode.start({ directory });
    stops.push(() => first.stop());
    const api = await stackOn(first);
    const signed = [];
    for (const name of ['before restart', 'zweite Eintragung', '再起動の前']) {
      const res = await fetch(`${api.url}/api/entries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, message: `${name} 🦄` }) });
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
