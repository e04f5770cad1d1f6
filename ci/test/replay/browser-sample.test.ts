import { describe, expect, it } from 'vitest';
import type { StoredRow } from '../../entries/stored-entries.js';
import { browserSample } from '../../suites/browser/expected-entries.js';

const entry = (i: number, name = `Visitor ${i}`): StoredRow => ({
  id: `00000000-0000-1000-8000-${String(i).padStart(12, '0')}`,
  day: '2026-01-31',
  name,
  message: 'Hello',
  createdAt: '2026-01-31T12:00:00.000Z',
});

async function* stream(rows: StoredRow[]) {
  yield* rows;
}

describe('browserSample', () => {
  it('when there are few entries, then the browser checks all of them, in list order', async () => {
    const all = Array.from({ length: 60 }, (_, i) => entry(i));

    expect((await browserSample(stream(all))).map((e) => e.position)).toEqual(all.map((_, i) => i));
  });

  it('when there are many, then it checks the newest ones and every unusual entry however deep it sits', async () => {
    const all = Array.from({ length: 5000 }, (_, i) =>
      entry(i, i === 2500 ? '🦄 Luna' : i === 4999 ? "O'Brien" : undefined),
    );

    const sample = await browserSample(stream(all));

    expect(sample.map((e) => e.position)).toEqual([...Array.from({ length: 100 }, (_, i) => i), 2500, 4999]);
    expect(sample.find((e) => e.position === 2500)).toMatchObject({
      unusual: true,
      description: expect.stringContaining('U+1F984 UNICORN FACE'),
    });
  });

  it('when unusual entries are more than the cap, then it takes the first ones in list order and stops reading', async () => {
    let read = 0;
    async function* counted() {
      for (let i = 0; i < 100_000; i++) {
        read++;
        yield entry(i, `Zoë ${i}`);
      }
    }

    const sample = await browserSample(counted(), { newest: 10, deepUnusual: 5 });

    expect(sample.map((e) => e.position)).toEqual([...Array.from({ length: 15 }, (_, i) => i)]);
    expect(read).toBeLessThan(20);
  });
});
