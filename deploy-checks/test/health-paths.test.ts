import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The API's own health router, not a copy of its paths: a renamed route fails here.
import { healthRoutes } from '@guestbook/api';
import { readJson, readText, readYaml } from '../src/repo-files.js';

type Marathon = { healthChecks: { path: string }[]; readinessChecks: { path: string }[] };
type Compose = { services: { api: { healthcheck: { test: string[] } } } };

/** The path in a probe command: after host:port in a URL, or a quoted '/path' appended to a computed origin. */
const pathIn = (text: string) => (/:\d+(\/[a-z]+)/.exec(text) ?? /'(\/[a-z]+)'/.exec(text))?.[1];

/** Every path a descriptor probes the API with, by what it expects the path to mean. */
function probedPaths() {
  const marathon = readJson('dcos/api.marathon.json') as Marathon;
  const compose = readYaml('docker-compose.yml') as Compose;
  return {
    liveness: [
      pathIn(readText('api/Dockerfile').split('HEALTHCHECK').at(-1)!),
      ...marathon.healthChecks.map((c) => c.path),
    ],
    readiness: [
      pathIn(compose.services.api.healthcheck.test.join(' ')),
      ...marathon.readinessChecks.map((c) => c.path),
    ],
  };
}

let ready = true;
let server: Server;
let base = '';
beforeAll(async () => {
  const app = express().use(healthRoutes(async () => ready));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("health paths in the descriptors, served by the API's health router", () => {
  it('when the liveness paths are requested, then the API answers 200 {"status":"ok"}', async () => {
    const { liveness } = probedPaths();
    expect(liveness).toEqual(['/healthz', '/healthz']);
    for (const path of liveness) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    }
  });

  it('when the readiness paths are requested, then they follow Cassandra: 200 when it answers, 503 when not', async () => {
    const { readiness } = probedPaths();
    expect(readiness).toEqual(['/readyz', '/readyz']);
    for (const path of readiness) {
      ready = true;
      expect((await fetch(`${base}${path}`)).status).toBe(200);
      ready = false;
      expect((await fetch(`${base}${path}`)).status).toBe(503);
    }
  });

  it('when a descriptor probes a path the API does not serve, then the router does not answer it', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(404);
  });
});
