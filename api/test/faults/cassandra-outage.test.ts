import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CassandraNode } from '@guestbook/cassandra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { findAcknowledged, startTraffic, type Outcome } from '../../bench/support/traffic.js';

// This test kills its Cassandra, so it runs a node of its own rather than the suite's shared one.
const root = mkdtempSync(join(tmpdir(), 'guestbook-outage-'));
const directory = join(root, 'node');
let node: CassandraNode;
let api: RunningServer;

beforeAll(async () => {
  node = await CassandraNode.start({ directory, clusterName: 'outage' });
  api = await startServer({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    CASSANDRA_CONTACT_POINTS: node.contactPoint,
    CASSANDRA_KEYSPACE: 'outage',
    RATE_LIMIT_SIGN_PER_MINUTE: '1000000',
  });
});
afterAll(async () => {
  await api?.close();
  await node?.kill();
  rmSync(root, { recursive: true, force: true });
});

const ANSWER_WITHIN_MS = 2000;

async function status(path: string): Promise<number> {
  return (await fetch(`${api.url}${path}`, { signal: AbortSignal.timeout(5000) })).status;
}

/** Polls until `path` answers `wanted`; returns how long that took. */
async function until(path: string, wanted: number, timeoutMs: number): Promise<number> {
  const began = performance.now();
  while ((await status(path)) !== wanted) {
    if (performance.now() - began > timeoutMs)
      throw new Error(`${path} did not answer ${wanted} within ${timeoutMs} ms`);
    await sleep(100);
  }
  return performance.now() - began;
}

const between = (outcomes: Outcome[], from: number, to: number) =>
  outcomes.filter((outcome) => outcome.started >= from && outcome.started < to);
const summary = (outcomes: Outcome[]) =>
  outcomes.map((outcome) => `${outcome.kind} ${outcome.status}${outcome.errorCode ? ` ${outcome.errorCode}` : ''}`);

describe('Cassandra outage and recovery', () => {
  it('when Cassandra is killed under load and restarted, then the API degrades to fast 503s, recovers by itself and loses no acknowledged entry', async ({
    annotate,
  }) => {
    // A steady stream rather than a flood: 503s come back in a millisecond, and a tight loop would starve the restarting JVM.
    const traffic = startTraffic(api.url, { signers: 4, readers: 2, timeoutMs: 10_000, pauseMs: 20 });
    await sleep(1500);
    // Kill while requests are on the wire: the ones Cassandra has half-handled are the interesting ones.
    while (traffic.inFlight() < 2) await new Promise((resolve) => setImmediate(resolve));

    const killAt = performance.now();
    await node.kill();
    const readyzDownMs = await until('/readyz', 503, 5000);
    const healthzWhileDown = await status('/healthz');
    await sleep(3000);

    const restartAt = performance.now();
    node = await CassandraNode.start({ directory });
    const readyzUpMs = await until('/readyz', 200, 30_000);
    const recoveredAt = performance.now();
    await sleep(1500);
    await traffic.stop();
    const found = await findAcknowledged(api.url, traffic.acked);

    const all = traffic.outcomes;
    const slowest = Math.max(...all.map((outcome) => outcome.ms));
    const inFlightAtKill = all.filter((outcome) => outcome.started < killAt && outcome.started + outcome.ms > killAt);
    const whileDown = between(all, killAt + 200, restartAt);
    const afterRecovery = between(all, recoveredAt, Infinity);
    const unavailable = all.filter((outcome) => outcome.status === 503);
    await annotate(
      `outage: ${all.length} requests, ${traffic.acked.length} acknowledged, ${inFlightAtKill.length} in flight at the kill, ` +
        `${unavailable.length} answered 503, slowest ${slowest.toFixed(0)} ms; /readyz 503 after ${readyzDownMs.toFixed(0)} ms, ` +
        `200 again ${readyzUpMs.toFixed(0)} ms after the node was back (${((recoveredAt - restartAt) / 1000).toFixed(1)} s after the restart began)`,
    );

    // Every request answered within 2 s: none hung while the node was gone, started or came back.
    expect(
      all
        .filter((outcome) => outcome.ms > ANSWER_WITHIN_MS)
        .map((outcome) => `${outcome.kind} ${outcome.status} ${outcome.ms.toFixed(0)} ms`),
    ).toEqual([]);
    expect(inFlightAtKill.length).toBeGreaterThan(0);
    // Only successes and 503s, ever; each 503 is the JSON error with Retry-After.
    expect(
      all
        .filter((outcome) => ![200, 201, 503].includes(outcome.status as number))
        .map((outcome) => `${outcome.kind} ${outcome.status}`),
    ).toEqual([]);
    expect(unavailable.every((outcome) => outcome.errorCode === 'unavailable' && Number(outcome.retryAfter) > 0)).toBe(
      true,
    );
    // While the node was down, every request was refused that way; liveness stayed up, readiness went down at once.
    expect(whileDown.length).toBeGreaterThan(10);
    expect(summary(whileDown).filter((s) => !s.endsWith('503 unavailable'))).toEqual([]);
    expect(healthzWhileDown).toBe(200);
    expect(readyzDownMs).toBeLessThan(ANSWER_WITHIN_MS);
    // Back without restarting the API: signs and reads succeed again.
    expect(summary(afterRecovery).filter((s) => s !== 'sign 201' && s !== 'list 200' && s !== 'read 200')).toEqual([]);
    expect(afterRecovery.filter((outcome) => outcome.status === 201).length).toBeGreaterThan(0);
    // Nothing acknowledged before, during or after the outage is lost, and none of it changed.
    expect(traffic.outcomes.filter((outcome) => outcome.exact === false)).toEqual([]);
    expect(found.missing).toEqual([]);
    expect(found).toMatchObject({
      byId: traffic.acked.length,
      exact: traffic.acked.length,
      inList: traffic.acked.length,
    });
  }, 120_000);

  it('when Cassandra freezes with its connections open, then requests time out into 503 within 2 s and recover when it thaws', async ({
    annotate,
  }) => {
    // SIGSTOP is a long GC pause or a network black hole: no connection is refused, answers simply stop coming.
    const traffic = startTraffic(api.url, { signers: 2, readers: 2, timeoutMs: 10_000, pauseMs: 20 });
    await sleep(1000);
    const frozenAt = performance.now();
    process.kill(-node.pid, 'SIGSTOP');
    let thawAt = Infinity;
    try {
      const readyzDownMs = await until('/readyz', 503, 5000);
      await sleep(4000);
      expect(readyzDownMs).toBeLessThan(ANSWER_WITHIN_MS + 500);
    } finally {
      thawAt = performance.now();
      process.kill(-node.pid, 'SIGCONT');
    }
    await until('/readyz', 200, 30_000);
    const thawedAt = performance.now();
    await sleep(1000);
    await traffic.stop();
    const found = await findAcknowledged(api.url, traffic.acked);

    const all = traffic.outcomes;
    const whileFrozen = between(all, frozenAt + 100, thawAt - ANSWER_WITHIN_MS);
    await annotate(
      `freeze: ${all.length} requests, ${whileFrozen.length} sent while frozen, slowest ${Math.max(...all.map((outcome) => outcome.ms)).toFixed(0)} ms`,
    );

    expect(
      all
        .filter((outcome) => outcome.ms > ANSWER_WITHIN_MS)
        .map((outcome) => `${outcome.kind} ${outcome.status} ${outcome.ms.toFixed(0)} ms`),
    ).toEqual([]);
    expect(whileFrozen.length).toBeGreaterThan(4);
    expect(summary(whileFrozen).filter((s) => !s.endsWith('503 unavailable'))).toEqual([]);
    expect(summary(between(all, thawedAt, Infinity)).filter((s) => !/ 20[01]$/.test(s))).toEqual([]);
    expect(found.missing).toEqual([]);
  }, 60_000);
});
