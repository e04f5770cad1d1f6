import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CursorCodec } from '../../src/entries/cursor.js';
import { createOpenApiDocument, OPENAPI_PATH } from '../../src/openapi/document.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { requirePinnedSchemathesis, runSchemathesis } from './support/schemathesis.js';

const cursorSecret = randomBytes(24).toString('hex');
const keyspace = `fuzz_${randomBytes(6).toString('hex')}`;
const scratch = mkdtempSync(join(tmpdir(), 'guestbook-fuzz-'));
let api: RunningServer | undefined;

beforeAll(async () => {
  await requirePinnedSchemathesis();
  // The API as main.ts runs it, configured through its environment; the sign limit is raised so that hundreds of
  // signs in a minute from one address are judged on their content, not throttled.
  api = await startServer({
    CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoint'),
    CASSANDRA_KEYSPACE: keyspace,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    CURSOR_SECRET: cursorSecret,
    RATE_LIMIT_SIGN_PER_MINUTE: '1000000',
  });
}, 120_000);

afterAll(async () => {
  if (api) {
    await api.client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
    await api.close();
  }
  rmSync(scratch, { recursive: true, force: true });
});

// Schemathesis leaves out the operation that serves the document it reads.
const operations = Object.entries(createOpenApiDocument().paths ?? {})
  .filter(([path]) => path !== OPENAPI_PATH)
  .flatMap(([, item]) => Object.keys(item ?? {}));

describe(`the API against its OpenAPI document (${OPENAPI_PATH})`, () => {
  it('when schemathesis drives every operation with valid and invalid requests, then every check passes', async () => {
    // Any position signed with the API's key is a cursor the API gave out; the day need not hold entries.
    const position = { day: '2026-01-01', id: '00000000-0000-1000-8000-000000000000' };
    const cursor = new CursorCodec(Buffer.from(cursorSecret)).encode(position);

    const run = await runSchemathesis({
      documentUrl: `${api!.url}${OPENAPI_PATH}`,
      baseUrl: api!.url,
      cwd: scratch,
      env: { GUESTBOOK_FUZZ_CURSOR: cursor },
    });

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(new RegExp(`Tested: ${operations.length}\\b`));
    const cases = /(\d+) generated, \1 passed/.exec(run.output)?.[1];
    expect(Number(cases), run.output).toBeGreaterThan(100);
    // The size of the run, for whoever reads the test output.
    const size = `${cases} test cases over ${operations.length} operations`;
    process.stdout.write(`schemathesis: ${size}, all checks passed, in ${run.seconds.toFixed(1)} s\n`);
  }, 240_000);
});
