import { beforeAll, describe, expect, it } from 'vitest';
import { loadHostileCorpus } from '../../seed/corpus.js';
import { ordinaryEntries } from '../../seed/ordinary-entries.js';
import { createMasker } from '../../snapshot/masking/index.js';
import { compareProfiles } from '../../snapshot/profile/drift.js';
import { formatDrift } from '../../snapshot/profile/drift-report.js';
import { snapshotProfile, type SnapshotProfile } from '../../snapshot/profile/snapshot-profile.js';
import { TextColumnProfiler } from '../../snapshot/profile/text-column-profiler.js';
import { unicodeTables, type UnicodeTables } from '../../snapshot/profile/unicode-tables.js';

let unicode: UnicodeTables;
beforeAll(async () => {
  unicode = await unicodeTables();
});

const WRITTEN = Date.UTC(2026, 11, 1, 14, 2) * 1000;

/** The same names in two denormalized tables, as the guestbook keeps them. */
function profile(names: string[], takenAt: string): SnapshotProfile {
  const profilers = ['entries_by_day', 'entries_by_id'].map((table) => {
    const p = new TextColumnProfiler(unicode, table, 'name');
    names.forEach((n, i) => p.add(n, WRITTEN + i * 1_000_000));
    return p;
  });
  return snapshotProfile(
    takenAt,
    profilers.map((p) => p.toJSON()),
  );
}

const ORDINARY = ordinaryEntries(50, 1).map((e) => e.name);

describe('compareProfiles and formatDrift', () => {
  it('when nothing new appeared, then every format says so and there are no findings', () => {
    const before = profile(ORDINARY, '2026-12-01T00:00:00.000Z');
    const now = profile([...ORDINARY, ...ORDINARY.slice(0, 5)], '2026-12-02T00:00:00.000Z');
    const drift = compareProfiles(before, now);
    expect(drift.findings).toEqual([]);
    expect(formatDrift(drift, 'text')).toContain('no new shapes');
    expect(formatDrift(drift, 'markdown')).toContain('No new shapes');
    expect(JSON.parse(formatDrift(drift, 'json'))).toMatchObject({ new: false, findings: [] });
  });

  it('when Telugu names, a ZWJ family and a longer name appear, then the text report says each in plain words', () => {
    const before = profile(['Ana', 'Bo Li'], '2026-12-01T00:00:00.000Z');
    const family = '👩\u200d👩\u200d👧\u200d👦';
    const now = profile(['Ana', 'Bo Li', 'సాయి', 'రవి', 'లక్ష్మి', `Zoë Fernández ${family}`], '2026-12-02T00:00:00.000Z');
    const text = formatDrift(compareProfiles(before, now), 'text');
    expect(text).toContain('name (entries_by_day.name, entries_by_id.name):');
    expect(text).toContain('first entries in Telugu script: 3 (first written 2026-12-01 14:02 UTC)');
    expect(text).toContain(`first ZWJ emoji ${family} (WOMAN, WOMAN, GIRL, BOY): 1`);
    expect(text).toContain('first entries with ZWJ emoji sequences: 1');
    expect(text).toContain('longest name grew from 5 to 15 graphemes');
    expect(text).toContain('first entries with U+200D ZERO WIDTH JOINER: 1');
    // One heading for both tables: the denormalized copy is not reported twice.
    expect(text.match(/Telugu/g)).toHaveLength(1);
  });

  it('when a bidi override appears, then Markdown names it and escapes what Markdown would interpret', () => {
    const before = profile(['Ana'], '2026-12-01T00:00:00.000Z');
    const now = profile(['Ana', '\u202eevil\u202c twin', '*️⃣ star'], '2026-12-02T00:00:00.000Z');
    const markdown = formatDrift(compareProfiles(before, now), 'markdown');
    expect(markdown).toContain('- first entries with U+202E RIGHT-TO-LEFT OVERRIDE (bidi control): 1');
    expect(markdown).toContain('\\*️⃣');
    const json = JSON.parse(formatDrift(compareProfiles(before, now), 'json'));
    expect(json.new).toBe(true);
    expect(json.findings).toContainEqual(
      expect.objectContaining({
        column: 'entries_by_id.name',
        kind: 'invisible',
        key: 'U+202E',
        detail: 'bidi control',
      }),
    );
  });
});

describe('the profile of masked data', () => {
  it('when the hostile corpus is masked, then its profile holds no shape the original lacks, and none is lost', () => {
    const masker = createMasker({ key: 'drift-test-key-000001' });
    const values = loadHostileCorpus().flatMap((e) => [e.name, e.message]);
    const original = profile(values, '2026-12-01T00:00:00.000Z');
    const masked = profile(
      values.map((v) => masker.maskText(v)),
      '2026-12-01T00:00:00.000Z',
    );
    expect(compareProfiles(original, masked).findings).toEqual([]);
    expect(compareProfiles(masked, original).findings).toEqual([]);
  });
});
