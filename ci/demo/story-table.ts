import type { SuitesResult } from '../replay/run-suites.js';
import { printable } from '../entries/code-points.js';

export interface StoryResults {
  dummyOnPatch: SuitesResult;
  replayOnPatch: SuitesResult;
  replayOnHead: SuitesResult;
  dummyOnHead?: SuitesResult;
  /** Plain CI once the shrink's fixtures are committed: dummy data plus the fixtures' entries. */
  fixtures?: { onPatch: SuitesResult; onHead: SuitesResult };
}

/** The story holds when plain CI passes the change, the replay catches it and names an entry, and HEAD passes the replay. */
export function storyHeld(r: StoryResults): boolean {
  return (
    r.dummyOnPatch.passed &&
    (r.dummyOnHead?.passed ?? true) &&
    !r.replayOnPatch.passed &&
    r.replayOnPatch.api.offending.length > 0 &&
    r.replayOnHead.passed &&
    (!r.fixtures || (!r.fixtures.onPatch.passed && r.fixtures.onHead.passed))
  );
}

function verdict(result: SuitesResult): string {
  if (result.passed) return `PASS (${result.api.entries} entries)`;
  const names = result.api.offending.map((offender) => printable(offender.entry.name, 16));
  return names.length
    ? `FAIL: ${names.length} entries (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`
    : 'FAIL';
}

function pad(text: string, width: number): string {
  // Emoji take two columns in a terminal; counting graphemes keeps the columns roughly aligned.
  const length = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
  return text + ' '.repeat(Math.max(1, width - length));
}

/** Before/after: the same suites, on dummy data and on a copy of production, against the change and against HEAD. */
export function storyRows(r: StoryResults): string[][] {
  const rows = [
    ['', 'dummy data (plain CI)', 'copy of production (replay)'],
    ['API with the change', verdict(r.dummyOnPatch), verdict(r.replayOnPatch)],
    ['API at HEAD (the fix)', r.dummyOnHead ? verdict(r.dummyOnHead) : 'not run', verdict(r.replayOnHead)],
  ];
  // Once the shrink's fixtures are committed, plain CI has a column of its own: it catches the change without production.
  if (r.fixtures) {
    rows[0]!.push('dummy data + shrunk fixtures');
    rows[1]!.push(verdict(r.fixtures.onPatch));
    rows[2]!.push(verdict(r.fixtures.onHead));
  }
  return rows;
}

/** The before/after rows as terminal lines, in columns. */
export function storyTable(r: StoryResults): string[] {
  const widths = r.fixtures ? [24, 28, 34] : [24, 28];
  return storyRows(r).map((row) =>
    row.map((cell, i) => (i < widths.length ? pad(cell, widths[i]!) : cell)).join(' │ '),
  );
}
