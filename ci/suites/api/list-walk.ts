import { describeEntry } from '../../entries/code-points.js';
import type { StoredEntries, StoredRow } from '../../entries/stored-entries.js';
import { compareEntry } from './compare-entry.js';
import { answerProblems, getAnswer, pathOf, type Answer } from './http-client.js';
import type { Offenders } from './findings.js';

const PAGE_SIZE = 100;

interface ListPage {
  entries: unknown[];
  nextCursor: string | null;
}

function asListPage(answer: Answer): ListPage | string {
  const problems = answerProblems(answer);
  if (problems.length) return problems.join('; ');
  const body = answer.json as Partial<ListPage> | null;
  if (!body || !Array.isArray(body.entries) || !(typeof body.nextCursor === 'string' || body.nextCursor === null)) {
    return `is not {"entries":[...],"nextCursor":...}: ${answer.text.slice(0, 200)}`;
  }
  return { entries: body.entries, nextCursor: body.nextCursor };
}

const listPath = (limit: number, cursor: string | null) => `/api/entries?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/**
 * Pages through GET /api/entries and checks every entry against the stored row, in the stored order. When a page fails,
 * the same stretch is read again one entry at a time, so the failure is pinned on the entry that causes it.
 */
export async function walkList(baseUrl: string, stored: StoredEntries, offenders: Offenders, fail: (problem: string) => void): Promise<void> {
  const expected = stored.listOrder;
  const positionOf = new Map(expected.map((e, i) => [e.id, i]));
  let position = 0;
  let orderReported = false;

  const consume = (actual: unknown, where: string) => {
    const id = (actual as { id?: unknown } | null)?.id;
    const at = typeof id === 'string' ? positionOf.get(id) : undefined;
    const storedEntry = at === undefined ? undefined : expected[at];
    if (!storedEntry) {
      fail(`${where} returned an entry the keyspace does not hold: ${JSON.stringify(actual).slice(0, 200)}`);
      return;
    }
    if (at !== position && !orderReported) {
      orderReported = true;
      fail(`${where}: entries are out of order from position ${position} (expected ${expected[position]?.id}, got ${storedEntry.id})`);
    }
    position = at! + 1;
    for (const problem of compareEntry(actual, storedEntry)) blame(storedEntry, `GET ${where}: ${problem}`);
  };
  const blame = (entry: StoredRow, problem: string) => {
    offenders.add(entry, problem);
    fail(`${describeEntry(entry)}: ${problem}`);
  };

  let cursor: string | null = null;
  for (;;) {
    const answer = await getAnswer(baseUrl, listPath(PAGE_SIZE, cursor));
    const page = asListPage(answer);
    if (typeof page !== 'string') {
      for (const entry of page.entries) consume(entry, pathOf(answer.url));
      cursor = page.nextCursor;
      if (!cursor) break;
      continue;
    }
    // Narrow the failing page down to the entry that breaks it; that entry is named first, then the page.
    let probeCursor: string | null = cursor;
    let broke = false;
    for (let i = 0; i < PAGE_SIZE; i++) {
      const probe: Answer = await getAnswer(baseUrl, listPath(1, probeCursor));
      const one = asListPage(probe);
      if (typeof one === 'string') {
        const culprit = expected[position];
        const after = expected.length - position - 1;
        if (culprit) blame(culprit, `GET ${pathOf(probe.url)} ${one} — the list breaks at this entry (${after} entries after it cannot be listed)`);
        else fail(`GET ${pathOf(probe.url)} ${one}`);
        broke = true;
        break;
      }
      for (const entry of one.entries) consume(entry, pathOf(probe.url));
      probeCursor = one.nextCursor;
      if (!probeCursor) break;
    }
    fail(`GET ${pathOf(answer.url)} ${page}`);
    if (broke || !probeCursor) break;
    cursor = probeCursor;
  }

  const missing = expected.length - position;
  if (missing > 0 && !orderReported) fail(`${missing} of ${expected.length} stored entries were never listed`);
}
