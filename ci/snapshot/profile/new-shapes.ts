import type { Drift, DriftFinding } from './drift.js';
import { TextColumnProfiler, type ColumnProfile } from './text-column-profiler.js';
import { unicodeTables, type UnicodeTables } from './unicode-tables.js';

/** Tells whether a value holds a shape the drift found new in its column (by column name, any table). */
export type NewShapeTest = (column: string, text: string) => boolean;

const SECTION_OF: Partial<Record<DriftFinding['kind'], keyof ColumnProfile>> = {
  script: 'scripts',
  category: 'categories',
  invisible: 'invisibles',
  emoji: 'emoji',
  sequence: 'sequences',
  normalization: 'normalization',
};

/**
 * Builds the test the replay uses to put first-seen shapes first in its samples. A value is profiled on its own and its
 * shapes looked up among the drift's findings, or its length compared with the old maximum. Printable ASCII is
 * skipped unless the drift found something new that printable ASCII alone can hold (a length, a category).
 */
export async function newShapeTest(drift: Drift): Promise<NewShapeTest> {
  const unicode = await unicodeTables();
  const byColumn = new Map<string, DriftFinding[]>();
  for (const f of drift.findings) {
    const name = f.column.slice(f.column.indexOf('.') + 1);
    byColumn.set(name, [...(byColumn.get(name) ?? []), f]);
  }
  const asciiShapes = profileOf(unicode, Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(''));
  const plainAsciiMayBeNew = [...byColumn.values()].flat().some((f) => f.kind === 'longest' || holds(asciiShapes, f));
  return (column, text) => {
    const findings = byColumn.get(column);
    if (!findings) return false;
    if (!plainAsciiMayBeNew && /^[\x20-\x7e]*$/.test(text)) return false;
    const shapes = profileOf(unicode, text);
    return findings.some((f) => holds(shapes, f));
  };
}

function profileOf(unicode: UnicodeTables, text: string): ColumnProfile {
  const profiler = new TextColumnProfiler(unicode, '', '');
  profiler.add(text, Infinity);
  return profiler.toJSON();
}

function holds(shapes: ColumnProfile, f: DriftFinding): boolean {
  if (f.kind === 'longest') return shapes[f.key as 'graphemes' | 'utf8Bytes'].max > f.from!;
  if (f.kind === 'column') return shapes.values > 0;
  const section = SECTION_OF[f.kind];
  return section !== undefined && f.key in (shapes[section] as Record<string, unknown>);
}
