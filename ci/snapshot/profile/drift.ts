import type { SeenFeatureJson } from './seen-features.js';
import type { SnapshotProfile } from './snapshot-profile.js';
import type { ColumnProfile } from './text-column-profiler.js';

type FindingKind = 'column' | 'script' | 'category' | 'invisible' | 'emoji' | 'sequence' | 'normalization' | 'longest';

/** One thing production holds now that it did not before, in one column. */
export interface DriftFinding {
  /** `table.column` */
  column: string;
  kind: FindingKind;
  /** The shape: a script or category name, `U+202E`, an emoji kind or sequence, `not-NFC`, `graphemes` / `utf8Bytes`. */
  key: string;
  /** Values holding the new shape in the newer snapshot. */
  values?: number;
  /** The earliest write time among them. */
  firstSeen?: string | null;
  /** `longest`: the maximum before and now. */
  from?: number;
  to?: number;
  /** `invisible`: a bidi control; `sequence`: its emoji kind. */
  detail?: string;
}

export interface Drift {
  from: { takenAt: string };
  to: { takenAt: string };
  findings: DriftFinding[];
}

const SECTIONS = ['scripts', 'categories', 'invisibles', 'emoji', 'sequences', 'normalization'] as const;
const KIND_OF: Record<(typeof SECTIONS)[number], FindingKind> = {
  scripts: 'script',
  categories: 'category',
  invisibles: 'invisible',
  emoji: 'emoji',
  sequences: 'sequence',
  normalization: 'normalization',
};

/**
 * What `now` holds that `before` did not: shapes (scripts, categories, invisible characters, emoji kinds and
 * sequences, unnormalized text) no value had before, and maxima that grew. Counts and lengths that merely changed
 * are not drift: only what code has never met can break it.
 */
export function compareProfiles(before: SnapshotProfile, now: SnapshotProfile): Drift {
  const findings: DriftFinding[] = [];
  for (const [column, current] of Object.entries(now.columns)) {
    const previous = before.columns[column];
    if (!previous) {
      if (current.values > 0) findings.push({ column, kind: 'column', key: column, values: current.values });
      continue;
    }
    for (const section of SECTIONS) {
      // A sequence the older profile had no room to keep may have been there all the same: no claim either way.
      if (section === 'sequences' && previous.sequencesNotKept > 0) continue;
      findings.push(...newShapes(column, section, previous, current));
    }
    for (const measure of ['graphemes', 'utf8Bytes'] as const) {
      const from = previous[measure].max;
      const to = current[measure].max;
      if (to > from) findings.push({ column, kind: 'longest', key: measure, from, to });
    }
  }
  return { from: { takenAt: before.takenAt }, to: { takenAt: now.takenAt }, findings };
}

function newShapes(
  column: string,
  section: (typeof SECTIONS)[number],
  previous: ColumnProfile,
  current: ColumnProfile,
): DriftFinding[] {
  const known = previous[section] as Record<string, SeenFeatureJson>;
  return Object.entries(current[section] as Record<string, SeenFeatureJson & { bidi?: boolean; kind?: string }>)
    .filter(([key, seen]) => seen.values > 0 && !known[key])
    .map(([key, seen]) => ({
      column,
      kind: KIND_OF[section],
      key,
      values: seen.values,
      firstSeen: seen.firstSeen,
      ...(seen.bidi ? { detail: 'bidi control' } : {}),
      ...(seen.kind ? { detail: seen.kind } : {}),
    }));
}
