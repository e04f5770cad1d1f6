import { describe, expect, it } from 'vitest';
import type { StoredRow } from '../../entries/stored-entries.js';
import { ListAlignment, type ListFindings } from '../../suites/api/list-alignment.js';

const row = (i: number): StoredRow => ({
  id: `00000000-0000-1000-8000-${String(i).padStart(12, '0')}`,
  day: '2026-01-31',
  name: `Visitor ${i}`,
  message: 'Hello',
  createdAt: '2026-01-31T12:00:00.000Z',
});
const listed = ({ day: _day, ...entry }: StoredRow) => ({ ...entry, initials: 'V', avatarUrl: '/x.svg' });

/** Runs both sides in pages as the list walk does, the keyspace a window ahead, and records what was found. */
function align(stored: StoredRow[], api: unknown[], window = 50) {
  const found = { changed: [] as string[], missing: [] as string[], extra: [] as string[], outOfOrder: [] as string[] };
  const findings: ListFindings = {
    changed: (entry, problems) => found.changed.push(`${entry.name}: ${problems.join('; ')}`),
    missing: (entry) => found.missing.push(entry.name),
    extra: (actual) => found.extra.push((actual as { name: string }).name),
    outOfOrder: (entry, after) => found.outOfOrder.push(`${entry.name} after ${after.name}`),
  };
  const alignment = new ListAlignment(findings, window);
  let nextStored = 0;
  let peak = 0;
  for (let page = 0; page < api.length; page += 20) {
    const wanted = alignment.storedWanted();
    for (const entry of stored.slice(nextStored, nextStored + wanted)) alignment.addStored(entry);
    nextStored += wanted;
    for (const entry of api.slice(page, page + 20)) alignment.addApi(entry, `page ${page / 20}`);
    peak = Math.max(peak, alignment.pending);
  }
  alignment.apiEnded();
  for (const entry of stored.slice(nextStored)) alignment.addStored(entry);
  alignment.storedEnded();
  return { ...found, matched: alignment.matched, peak };
}

const stored = Array.from({ length: 5000 }, (_, i) => row(i));

describe('ListAlignment', () => {
  it('when the API lists exactly what the keyspace holds, then it finds nothing', () => {
    const result = align(stored, stored.map(listed));

    expect(result).toMatchObject({ changed: [], missing: [], extra: [], outOfOrder: [], matched: 5000 });
  });

  it.each([17, 2500, 4999])(
    'when entry %i differs, is missing or has an extra one beside it, then each is named',
    (at) => {
      const api: unknown[] = stored.map(listed);
      api[at] = { ...listed(stored[at]!), message: 'Hellö' };
      api.splice(at - 3, 1);
      api.splice(at - 10, 0, { ...listed(row(99_999)) });

      const result = align(stored, api);

      expect(result.changed).toEqual([expect.stringMatching(new RegExp(`^Visitor ${at}: message differs`))]);
      expect(result.missing).toEqual([`Visitor ${at - 3}`]);
      expect(result.extra).toEqual(['Visitor 99999']);
      expect(result.outOfOrder).toEqual([]);
    },
  );

  it('when two entries swap places, then the order problem is named once', () => {
    const api = stored.map(listed);
    [api[100], api[101]] = [api[101]!, api[100]!];

    expect(align(stored, api).outOfOrder).toEqual(['Visitor 100 after Visitor 101']);
  });

  it('when the API lists nothing the keyspace holds, then memory stays within the window', () => {
    const result = align(
      stored,
      Array.from({ length: 5000 }, (_, i) => listed(row(100_000 + i))),
      50,
    );

    expect(result.missing).toHaveLength(5000);
    expect(result.extra).toHaveLength(5000);
    expect(result.peak).toBeLessThanOrEqual(4 * 50 + 20);
  });
});
