import { describeEntry, printable } from '../../entries/code-points.js';
import type { StoredRow } from '../../entries/stored-entries.js';
import type { Offenders } from './findings.js';
import { answerProblems, getAnswer, pathOf, type Answer } from './http-client.js';
import { ListAlignment, type ListFindings } from './list-alignment.js';

const PAGE_SIZE = 100;

interface ListPage {
  entries: unknown[];
  nextCursor: string | null;
}

export interface WalkOptions {
  baseUrl: string;
  /** The keyspace in list order, streamed. */
  stored: AsyncIterator<StoredRow>;
  offenders: Offenders;
  fail: (problem: string) => void;
  /** Stop listing at this time (ms since the epoch) and report how far the walk got. */
  deadline?: number;
  progress?: (listed: number) => void;
}

export interface WalkCoverage {
  listed: number;
  /** Rows read from the keyspace; equal to its size when the walk was not cut short. */
  stored: number;
  cutShort: boolean;
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

const listPath = (limit: number, cursor: string | null) =>
  `/api/entries?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** The findings of the alignment, worded for a reader and charged to the entries they are about. */
function reporting({ offenders, fail }: WalkOptions): ListFindings {
  const blame = (entry: StoredRow, problem: string) => {
    offenders.add(entry, problem);
    fail(`${describeEntry(entry)}: ${problem}`);
  };
  return {
    changed: (entry, problems, where) => problems.forEach((problem) => blame(entry, `GET ${where}: ${problem}`)),
    missing: (entry) => blame(entry, 'never listed by GET /api/entries'),
    extra: (actual, where) =>
      fail(`${where} returned an entry the keyspace does not hold: ${printable(JSON.stringify(actual), 200)}`),
    outOfOrder: (entry, after, where) =>
      fail(`${where}: entries are out of order: ${describeEntry(entry)} is listed after ${describeEntry(after)}`),
  };
}

/**
 * Pages through GET /api/entries beside the keyspace read in the same order, comparing every entry as it comes; memory
 * holds a page and the alignment window, whatever the size of the data. When a page fails, the same stretch is read
 * again one entry at a time, so the failure is pinned on the entry that causes it.
 */
export async function walkList(options: WalkOptions): Promise<WalkCoverage> {
  const { baseUrl, stored, fail } = options;
  const alignment = new ListAlignment(reporting(options));
  let storedDone = false;
  const readAhead = async () => {
    for (let wanted = alignment.storedWanted(); wanted > 0 && !storedDone; wanted--) {
      const next = await stored.next();
      if (next.done) {
        storedDone = true;
        alignment.storedEnded();
      } else alignment.addStored(next.value);
    }
  };
  /** The next stored row not yet listed: the entry a broken page breaks at. */
  const culprit = async () => {
    await readAhead();
    return alignment.nextUnmatched();
  };

  let cursor: string | null = null;
  let cutShort = false;
  let broke = false;
  for (;;) {
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      cutShort = true;
      break;
    }
    // The keyspace is read ahead while the API answers: the two wait on different servers.
    const [answer] = await Promise.all([getAnswer(baseUrl, listPath(PAGE_SIZE, cursor)), readAhead()]);
    const page = asListPage(answer);
    if (typeof page !== 'string') {
      for (const entry of page.entries) alignment.addApi(entry, pathOf(answer.url));
      options.progress?.(alignment.listed);
      cursor = page.nextCursor;
      if (!cursor) break;
      continue;
    }
    const narrowed = await narrowBrokenPage({ ...options, alignment, cursor, culprit, readAhead });
    fail(`GET ${pathOf(answer.url)} ${page}`);
    broke = narrowed.broke;
    if (broke || !narrowed.cursor) break;
    cursor = narrowed.cursor;
  }
  // After a break the rest cannot be listed: one finding says so, rather than one per entry behind it.
  if (!cutShort && !broke) {
    alignment.apiEnded();
    while (!storedDone) await readAhead();
  }
  return { listed: alignment.listed, stored: alignment.read, cutShort: cutShort || broke };
}

interface Narrowing extends WalkOptions {
  alignment: ListAlignment;
  cursor: string | null;
  culprit: () => Promise<StoredRow | undefined>;
  readAhead: () => Promise<void>;
}

/** Reads a failing page's stretch one entry at a time; names the entry the list breaks at, first, then the page. */
async function narrowBrokenPage(narrowing: Narrowing): Promise<{ broke: boolean; cursor: string | null }> {
  const { baseUrl, alignment, offenders, fail } = narrowing;
  let cursor = narrowing.cursor;
  for (let i = 0; i < PAGE_SIZE; i++) {
    await narrowing.readAhead();
    const probe: Answer = await getAnswer(baseUrl, listPath(1, cursor));
    const one = asListPage(probe);
    if (typeof one === 'string') {
      const entry = await narrowing.culprit();
      const problem = `GET ${pathOf(probe.url)} ${one} — the list breaks at this entry (the entries after it cannot be listed)`;
      if (entry) {
        offenders.add(entry, problem);
        fail(`${describeEntry(entry)}: ${problem}`);
      } else fail(`GET ${pathOf(probe.url)} ${one}`);
      return { broke: true, cursor };
    }
    for (const entry of one.entries) alignment.addApi(entry, pathOf(probe.url));
    cursor = one.nextCursor;
    if (!cursor) break;
  }
  return { broke: false, cursor };
}
