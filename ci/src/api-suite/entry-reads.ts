import { describeEntry, printable } from '../replay/code-points.js';
import type { StoredEntry } from '../replay/stored-entries.js';
import { compareEntry } from './compare-entry.js';
import { answerProblems, getAnswer } from './http-client.js';
import { timed, type CaseResult, type Offenders } from './suite-report.js';

const CONCURRENCY = 6;

/** Runs `work` over `items` with at most `limit` in flight, keeping results in input order. */
async function pooled<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * GET /api/entries/:id for every stored entry: 200, JSON, the stored row exactly. When the answer offers an avatar URL
 * on this API, it must load too: the page draws it.
 */
export async function readEachEntry(baseUrl: string, entries: StoredEntry[], offenders: Offenders): Promise<CaseResult[]> {
  const avatars = new Map<string, Promise<string | undefined>>();
  const checkAvatar = (url: string) => {
    if (!avatars.has(url)) {
      avatars.set(
        url,
        getAnswer(baseUrl, url).then((a) =>
          a.status === 200 && a.contentType.startsWith('image/svg+xml') ? undefined : `its avatar ${url} answered ${a.status} ${a.contentType}`,
        ),
      );
    }
    return avatars.get(url)!;
  };

  return pooled(entries, CONCURRENCY, (entry) =>
    timed('GET /api/entries/:id', `entry ${entry.id} "${printable(entry.name, 32)}"`, async (fail) => {
      const blame = (problem: string) => {
        offenders.add(entry, problem);
        fail(`${describeEntry(entry)}: ${problem}`);
      };
      const answer = await getAnswer(baseUrl, `/api/entries/${entry.id}`);
      const problems = answerProblems(answer);
      if (problems.length) {
        for (const p of problems) blame(`GET /api/entries/${entry.id} ${p}`);
        return;
      }
      for (const p of compareEntry(answer.json, entry)) blame(`GET /api/entries/${entry.id}: ${p}`);
      const avatarUrl = (answer.json as { avatarUrl?: unknown }).avatarUrl;
      if (typeof avatarUrl === 'string' && avatarUrl.startsWith('/')) {
        const avatarProblem = await checkAvatar(avatarUrl);
        if (avatarProblem) blame(avatarProblem);
      }
    }),
  );
}
