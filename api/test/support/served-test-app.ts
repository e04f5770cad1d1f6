import { afterAll, beforeAll } from 'vitest';
import { listen, type ApiClient, type LiveServer } from '../properties/support/live-server.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * For a test file that speaks real HTTP: the app in a keyspace of its own, served on a free port from beforeAll to
 * afterAll. The returned client is usable inside tests (the server exists from beforeAll on).
 */
export function servedTestApp(): ApiClient {
  let app: TestApp | undefined;
  let server: LiveServer | undefined;
  beforeAll(async () => {
    app = await createTestApp();
    server = await listen(app.app);
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });
  const live = (): LiveServer => {
    if (!server) throw new Error('servedTestApp() is used before its beforeAll ran');
    return server;
  };
  return {
    get url() {
      return live().url;
    },
    get: (path) => live().get(path),
    post: (path, body, headers) => live().post(path, body, headers),
  };
}
