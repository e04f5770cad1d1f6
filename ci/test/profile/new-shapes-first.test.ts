import { describe, expect, it } from 'vitest';
import { sampleEntries } from '../../entries/entry-sample.js';
import type { StoredRow } from '../../entries/stored-entries.js';
import { compareProfiles } from '../../snapshot/profile/drift.js';
import { newShapeTest } from '../../snapshot/profile/new-shapes.js';
import { snapshotProfile } from '../../snapshot/profile/snapshot-profile.js';
import { TextColumnProfiler } from '../../snapshot/profile/text-column-profiler.js';
import { unicodeTables } from '../../snapshot/profile/unicode-tables.js';
import { browserSample } from '../../suites/browser/expected-entries.js';

const entry = (i: number, name: string): StoredRow => ({
  id: `00000000-0000-1000-8000-${String(i).padStart(12, '0')}`,
  day: '2026-12-01',
  name,
  message: 'Hello',
  createdAt: '2026-12-01T12:00:00.000Z',
});

async function* stream(rows: StoredRow[]) {
  yield* rows;
}

/** Older entries: ordinary and unusual names (Zoë, 🦄); newer ones add Telugu and a ZWJ family. */
const OLD = Array.from({ length: 3000 }, (_, i) => entry(i, i % 3 === 0 ? `Zoë 🦄 ${i}` : `Visitor ${i}`));
const TELUGU = entry(2400, 'సాయి');
const FAMILY = entry(2900, 'Ana 👩\u200d👩\u200d👧');
const NOW = OLD.map((e) => (e.id === TELUGU.id ? TELUGU : e.id === FAMILY.id ? FAMILY : e));

async function holdsNewShape() {
  const unicode = await unicodeTables();
  const profile = (rows: StoredRow[], takenAt: string) => {
    const p = new TextColumnProfiler(unicode, 'entries_by_id', 'name');
    for (const r of rows) p.add(r.name, 0);
    return snapshotProfile(takenAt, [p.toJSON()]);
  };
  const test = await newShapeTest(
    compareProfiles(profile(OLD, '2026-11-30T00:00:00Z'), profile(NOW, '2026-12-01T00:00:00Z')),
  );
  return (e: { name: string; message: string }) => test('name', e.name) || test('message', e.message);
}

describe('first-seen shapes first in the replay samples', () => {
  it('when the by-id sample is capped, then entries with new shapes come first and are taken', async () => {
    const sample = await sampleEntries(stream(NOW), {
      unusualCap: 50,
      randomSize: 10,
      seed: 1,
      holdsNewShape: await holdsNewShape(),
    });
    expect(sample.entries.slice(0, 2).map((e) => e.name)).toEqual(['సాయి', 'Ana 👩\u200d👩\u200d👧']);
    expect(sample.newShapesTaken).toBe(2);
    expect(sample.entries).toHaveLength(60);
  });

  it('when the browser sample is capped, then deep entries with new shapes come first, however deep', async () => {
    const sample = await browserSample(stream(NOW), { newest: 10, deepUnusual: 5 }, await holdsNewShape());
    expect(sample.slice(0, 2).map((e) => [e.position, e.newShape])).toEqual([
      [2400, true],
      [2900, true],
    ]);
    expect(sample).toHaveLength(15);
  });

  it('when nothing is new, then no entry is marked and the samples are as before', async () => {
    const unicode = await unicodeTables();
    const p = new TextColumnProfiler(unicode, 'entries_by_id', 'name');
    for (const r of OLD) p.add(r.name, 0);
    const same = snapshotProfile('2026-12-01T00:00:00Z', [p.toJSON()]);
    const test = await newShapeTest(compareProfiles(same, same));
    expect(OLD.some((e) => test('name', e.name))).toBe(false);
  });
});
