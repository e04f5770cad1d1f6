import type { StoredRow } from '../../entries/stored-entries.js';
import { compareEntry } from './compare-entry.js';
import { answerProblems, getAnswer } from './http-client.js';

/** Avatar URLs repeat across entries of the same author: each is fetched once per run. */
export class AvatarChecks {
  private readonly checked = new Map<string, Promise<string | undefined>>();

  constructor(private readonly baseUrl: string) {}

  /** A problem if the avatar does not load as SVG, undefined if it does. */
  problemWith(url: string): Promise<string | undefined> {
    let check = this.checked.get(url);
    if (!check) {
      check = getAnswer(this.baseUrl, url).then((answer) =>
        answer.status === 200 && answer.contentType.startsWith('image/svg+xml')
          ? undefined
          : `its avatar ${url} answered ${answer.status} ${answer.contentType}`,
      );
      this.checked.set(url, check);
    }
    return check;
  }
}

/**
 * GET /api/entries/:id for one stored entry: 200, JSON, the stored row exactly. When the answer offers an avatar URL
 * on this API, it must load too: the page draws it. Returns every problem found, none when the entry reads back.
 */
export async function readEntryProblems(baseUrl: string, entry: StoredRow, avatars: AvatarChecks): Promise<string[]> {
  const path = `/api/entries/${entry.id}`;
  const answer = await getAnswer(baseUrl, path);
  const problems = answerProblems(answer);
  if (problems.length) return problems.map((problem) => `GET ${path} ${problem}`);
  const found = compareEntry(answer.json, entry).map((problem) => `GET ${path}: ${problem}`);
  const avatarUrl = (answer.json as { avatarUrl?: unknown }).avatarUrl;
  if (typeof avatarUrl === 'string' && avatarUrl.startsWith('/')) {
    const avatarProblem = await avatars.problemWith(avatarUrl);
    if (avatarProblem) found.push(avatarProblem);
  }
  return found;
}

export interface ReadsOptions {
  concurrency: number;
  deadline?: number;
  progress?: (done: number) => void;
}

/** Reads the entries with at most `concurrency` requests in flight; stops taking new ones at the deadline. */
export async function readEntries(
  entries: StoredRow[],
  read: (entry: StoredRow) => Promise<void>,
  { concurrency, deadline, progress }: ReadsOptions,
): Promise<number> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < entries.length && (deadline === undefined || Date.now() <= deadline)) {
      await read(entries[next++]!);
      progress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  return done;
}
