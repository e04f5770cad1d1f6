import { describeUnusual, printable } from '../../entries/code-points.js';
import type { SuitesResult } from '../../replay/run-suites.js';
import type { StepTiming } from '../narrator.js';
import { storyHeld, storyRows, type StoryResults } from '../story-table.js';

/** One screenshot in the report: the file beside the page, and what it shows. */
export interface ReportScreenshot {
  /** File name inside the report's folder. */
  file: string;
  title: string;
  caption: string;
  /** What the page showed when it was taken ("61 entries", "the error: …"), from the page itself. */
  seen?: string;
}

/** An offending entry as the demo prints it: unsafe characters already shown as ⟨U+…⟩, masked if the run was. */
export interface ReportOffender {
  id: string;
  name: string;
  nameCodePoints: string;
  messageCodePoints: string;
  problems: string[];
}

/** Everything the report shows, as plain JSON: what a demo run records, and what a test can render again. */
export interface RecordedStory {
  held: boolean;
  /** The before/after table: a header row, then the change and HEAD. */
  table: string[][];
  offending: ReportOffender[];
  moreOffending: number;
  /** The API's own error lines during the failing replay (the cause of its 500s). */
  apiErrors: string[];
  /** Pairs shown side by side: broken vs fixed on the production copy, then plain CI on dummy data. */
  screenshots: ReportScreenshot[][];
  timings: StepTiming[];
}

const MAX_OFFENDERS = 50;

function offender({ entry, problems }: SuitesResult['api']['offending'][number]): ReportOffender {
  return {
    id: entry.id,
    name: printable(entry.name),
    nameCodePoints: describeUnusual(entry.name, 12),
    messageCodePoints: describeUnusual(entry.message, 6),
    problems: [...new Set(problems)].slice(0, 3).map((problem) => printable(problem, 400)),
  };
}

/** The report's content from the story's results, worded as the terminal words it (storyTable, describeEntry). */
export function recordStory(
  results: StoryResults,
  screenshots: ReportScreenshot[][],
  timings: StepTiming[],
): RecordedStory {
  const failing = results.replayOnPatch;
  return {
    held: storyHeld(results),
    table: storyRows(results),
    offending: failing.api.offending.slice(0, MAX_OFFENDERS).map(offender),
    moreOffending: failing.api.moreOffending + Math.max(0, failing.api.offending.length - MAX_OFFENDERS),
    apiErrors: [...new Set(failing.apiErrors)].slice(0, 3).map((line) => printable(line, 400)),
    screenshots,
    timings,
  };
}
