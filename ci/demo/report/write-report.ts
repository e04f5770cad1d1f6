import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_RESULTS_DIR } from '../../repo/paths.js';
import type { StepTiming } from '../narrator.js';
import type { StoryStage } from '../story-stage.js';
import type { StoryResults } from '../story-table.js';
import { recordStory } from './recorded-story.js';
import { renderReport } from './render-report.js';
import { takeStoryScreenshots } from './story-screenshots.js';

export const DEMO_REPORT_DIR = join(TEST_RESULTS_DIR, 'demo', 'report');

export interface StoryReportOptions {
  stage: StoryStage;
  /** The worktree with the change applied. */
  changeCheckout: string;
  results: StoryResults;
  timings: StepTiming[];
  dir?: string;
}

/**
 * Writes the demo's report: index.html, the screenshots beside it, and story.json (what the page was rendered from).
 * Returns the page's path; nothing is opened.
 */
export async function writeStoryReport(options: StoryReportOptions): Promise<string> {
  const dir = options.dir ?? DEMO_REPORT_DIR;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const screenshots = await takeStoryScreenshots(options.stage, options.changeCheckout, dir);
  const story = recordStory(options.results, screenshots, options.timings);
  writeFileSync(join(dir, 'story.json'), `${JSON.stringify(story, null, 2)}\n`);
  const page = join(dir, 'index.html');
  writeFileSync(page, renderReport(story));
  return page;
}
