import { afterAll, describe, expect, test } from 'vitest';
import { describeEntry, printable } from '../../entries/code-points.js';
import { readStoredEntries } from '../../entries/stored-entries.js';
import { AvatarChecks, readEntryProblems } from './entry-reads.js';
import { Offenders, writeFindings } from './findings.js';
import { walkList } from './list-walk.js';
import { apiSuiteEnvironment } from './suite-environment.js';

// The black-box API suite: it knows only the API's base URL and what the keyspace behind it holds, read straight from
// Cassandra. It runs the same on hand-written dummy data and on a restored copy of production.
const { baseUrl, endpoint, keyspace, files } = apiSuiteEnvironment();
const stored = await readStoredEntries(endpoint, keyspace);
const offenders = new Offenders();
const avatars = new AvatarChecks(baseUrl);

afterAll(() => writeFindings(files.apiFindings, { entries: stored.byId.size, offending: offenders.list() }));

describe('GET /healthz', () => {
  test('answers 200 {"status":"ok"}', async () => {
    const res = await fetch(new URL('/healthz', baseUrl));

    expect({ status: res.status, body: await res.text() }).toEqual({ status: 200, body: '{"status":"ok"}' });
  });
});

describe('GET /api/entries', () => {
  test(`pages through all ${stored.listOrder.length} entries, each byte for byte as stored`, async () => {
    const problems: string[] = [];

    await walkList(baseUrl, stored, offenders, (problem) => problems.push(problem));

    if (problems.length) expect.fail(problems.join('\n'));
  });
});

describe('GET /api/entries/:id', () => {
  for (const entry of stored.byId.values()) {
    test.concurrent(`entry ${entry.id} "${printable(entry.name, 32)}"`, async () => {
      const problems = await readEntryProblems(baseUrl, entry, avatars);

      for (const problem of problems) offenders.add(entry, problem);
      if (problems.length) expect.fail(problems.map((problem) => `${describeEntry(entry)}: ${problem}`).join('\n'));
    });
  }
});
