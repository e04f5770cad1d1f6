import type { StoredEntries } from '../replay/stored-entries.js';
import { readEachEntry } from './entry-reads.js';
import { walkList } from './list-walk.js';
import { Offenders, timed, type ApiSuiteReport, type CaseResult } from './suite-report.js';

/**
 * The black-box API suite: it knows only the API's base URL and what the keyspace behind it holds. It runs the same
 * on hand-written dummy data and on a restored copy of production.
 */
export async function runApiSuite(baseUrl: string, stored: StoredEntries): Promise<ApiSuiteReport> {
  const began = performance.now();
  const offenders = new Offenders();
  const cases: CaseResult[] = [];

  cases.push(
    await timed('GET /healthz', 'answers 200 {"status":"ok"}', async (fail) => {
      const res = await fetch(new URL('/healthz', baseUrl));
      const body = await res.text();
      if (res.status !== 200 || body !== '{"status":"ok"}') fail(`answered ${res.status} ${body}`);
    }),
  );
  cases.push(
    await timed('GET /api/entries', `pages through all ${stored.listOrder.length} entries, each byte for byte as stored`, (fail) =>
      walkList(baseUrl, stored, offenders, fail),
    ),
  );
  cases.push(...(await readEachEntry(baseUrl, [...stored.byId.values()], offenders)));

  return { cases, offending: offenders.list(), entries: stored.byId.size, ms: Math.round(performance.now() - began) };
}
