import { setTimeout as sleep } from 'node:timers/promises';
import type { Entry, NewEntry } from '@guestbook/api';

const MAX_WAITS = 10;

/**
 * Signs through the public API, one entry after another, as visitors would. A 429 or a 503 is waited out (Retry-After)
 * rather than treated as failure: a production API limits signs per address and the seed comes from one address, and
 * a busy database answers 503 for a moment, which a visitor would retry too.
 */
export async function signEntries(
  baseUrl: string,
  entries: readonly NewEntry[],
  log: (line: string) => void = () => {},
): Promise<Entry[]> {
  const signed: Entry[] = [];
  for (const entry of entries) {
    for (let waits = 0; ; waits++) {
      const res = await fetch(new URL('/api/entries', baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: entry.name, message: entry.message }),
        signal: AbortSignal.timeout(15_000),
      });
      if ((res.status === 429 || res.status === 503) && waits < MAX_WAITS) {
        const seconds = Number(res.headers.get('retry-after') ?? '10');
        const why = res.status === 429 ? 'rate limited' : 'the database is busy';
        log(`${why} after ${signed.length} entries; waiting ${seconds} s as the API asks`);
        await sleep(seconds * 1000);
        continue;
      }
      if (res.status !== 201)
        throw new Error(`Signing ${JSON.stringify(entry.name)} answered ${res.status}: ${await res.text()}`);
      signed.push((await res.json()) as Entry);
      break;
    }
  }
  return signed;
}
