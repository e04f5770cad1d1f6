import { describe, expect, it } from 'vitest';
import { BROWSER_CHECK_ALL_UP_TO, browserSample } from '../../suites/browser/expected-entries.js';
import type { StoredRow } from '../../entries/stored-entries.js';

const entry = (i: number, name = `Visitor ${i}`): StoredRow => ({
  id: `00000000-0000-1000-8000-${String(i).padStart(12, '0')}`,
  day: '2026-01-31',
  name,
  message: 'Hello',
  createdAt: '2026-01-31T12:00:00.000Z',
});

describe('browserSample', () => {
  it('when there are few entries, then the browser checks all of them, in list order', () => {
    const all = Array.from({ length: BROWSER_CHECK_ALL_UP_TO }, (_, i) => entry(i));

    expect(browserSample(all).map((e) => e.position)).toEqual(all.map((_, i) => i));
  });

  it('when there are many, then it checks the newest 100 and every unusual entry however deep it sits', () => {
    const all = Array.from({ length: 5000 }, (_, i) => entry(i, i === 2500 ? '🦄 Luna' : i === 4999 ? "O'Brien" : undefined));

    const sample = browserSample(all);

    expect(sample.map((e) => e.position)).toEqual([...Array.from({ length: 100 }, (_, i) => i), 2500, 4999]);
    expect(sample.find((e) => e.position === 2500)).toMatchObject({ unusual: true, description: expect.stringContaining('U+1F984 UNICORN FACE') });
  });
});
