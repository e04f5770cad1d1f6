import { join } from 'node:path';
import { REPO_ROOT } from '../../repo/paths.js';
import type { StoryStage } from '../story-stage.js';
import { takeScreenshots, type PageSeen } from './page-screenshots.js';
import type { ReportScreenshot } from './recorded-story.js';

const DESKTOP = { width: 800, height: 1000 };
const PHONE = { width: 390, height: 844 };

export const BROKEN_ON_CHANGE: ReportScreenshot = {
  file: 'change-on-production-copy.png',
  title: 'The change, on the copy of production:',
  caption: 'the list answers 500 and the page shows its error instead of the entries ("nothing is loading").',
};
export const FIXED_AT_HEAD: ReportScreenshot = {
  file: 'head-on-production-copy.png',
  title: 'HEAD (the fix), on the same copy:',
  caption: 'every entry shows, exactly as stored, the one that broke the change first.',
};
export const PASSING_ON_DUMMY_DATA: ReportScreenshot = {
  file: 'change-on-dummy-data.png',
  title: 'Plain CI: the change, on dummy data:',
  caption: 'Alice, Bob Smith, Carol… all show, the suites pass, and the change would ship.',
};
export const HEAD_ON_A_PHONE: ReportScreenshot = {
  file: 'head-on-production-copy-phone.png',
  title: 'HEAD on a phone (390 px):',
  caption: 'the same copy of production.',
};

/**
 * The page as each API of the story serves it: the change and HEAD on the restored copy of production, and the change
 * on dummy data. The APIs are started as the suites started them, on the data the suites ran on, then stopped.
 */
export async function takeStoryScreenshots(
  stage: StoryStage,
  changeCheckout: string,
  dir: string,
): Promise<ReportScreenshot[][]> {
  const started = await Promise.allSettled([
    stage.startApi(changeCheckout, 'production copy'),
    stage.startApi(REPO_ROOT, 'production copy'),
    stage.startApi(changeCheckout, 'dummy data'),
  ]);
  const apis = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    const [change, head, dummy] = started.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
    const seen = await takeScreenshots([
      { url: change!.url, path: join(dir, BROKEN_ON_CHANGE.file), ...DESKTOP },
      { url: head!.url, path: join(dir, FIXED_AT_HEAD.file), ...DESKTOP },
      { url: dummy!.url, path: join(dir, PASSING_ON_DUMMY_DATA.file), ...DESKTOP },
      { url: head!.url, path: join(dir, HEAD_ON_A_PHONE.file), ...PHONE },
    ]);
    const [broken, fixed, dummyData, phone] = [
      BROKEN_ON_CHANGE,
      FIXED_AT_HEAD,
      PASSING_ON_DUMMY_DATA,
      HEAD_ON_A_PHONE,
    ].map((shot, i) => ({ ...shot, seen: describeSeen(seen[i]!) }));
    return [
      [broken!, fixed!],
      [dummyData!, phone!],
    ];
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
  }
}

function describeSeen({ entries, error }: PageSeen): string {
  if (error) return `The page showed its error: "${error}".`;
  return `The page listed ${entries} ${entries === 1 ? 'entry' : 'entries'}.`;
}
