// `npm run docs:pictures`: regenerates every picture README.md and docs/ show, then records each in
// docs/images/pictures.json with the hashes of what made it (a test in `npm test` checks they still match).
//   - the page, the broken-vs-fixed pair and the report: `npm run demo` (two Cassandra nodes, the APIs, Chromium)
//     writes its report; the screenshots are copied from it and the report itself is photographed in Chromium;
//   - the hostile entries at 360 and 800 px: the e2e spec that takes them (it starts its own Cassandra and API);
//   - the benchmark charts: `npm run bench:charts`, from the figures in docs/bench/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CI_DIR, REPO_ROOT, TEST_RESULTS_DIR } from '../../repo/paths.js';
import { launchChromium } from '../report/page-screenshots.js';
import type { ReportScreenshot } from '../report/recorded-story.js';
import * as shots from '../report/story-screenshots.js';
import { DEMO_REPORT_DIR } from '../report/write-report.js';
import { writeManifest } from './pictures-manifest.js';

const IMAGES = 'docs/images';
const fromRoot = (path: string) => relative(REPO_ROOT, path);
const filesIn = (dir: string, match: RegExp) =>
  readdirSync(join(REPO_ROOT, dir))
    .filter((file) => match.test(file))
    .map((file) => `${dir}/${file}`);

const DEMO_SOURCES = [
  ...filesIn('ci/demo/report', /\.ts$/),
  'ci/demo/pictures/docs-pictures.ts',
  'ci/demo/pictures/pictures-manifest.ts',
];
const CHART_SOURCES = [
  'scripts/bench-charts.ts',
  'scripts/charts/bar-chart.ts',
  ...filesIn('docs/bench', /^(api-|web-|replay\.json$)/),
];
const HOSTILE_SOURCES = ['ci/e2e/specs/hostile-entries.spec.ts', 'ci/e2e/support/hostile-entries.ts'];

/** Runs a step with its output on the terminal; with `capture`, its standard output is also returned. */
function run(what: string, command: string, args: string[], options: { cwd?: string; capture?: boolean } = {}): string {
  console.log(`\n${what}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    stdio: ['ignore', options.capture ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
  });
  if (options.capture) process.stdout.write(result.stdout ?? '');
  if (result.status !== 0) {
    console.error(`${what} failed (exit ${result.status}): see its output above, fix that and run again.`);
    process.exit(1);
  }
  return result.stdout ?? '';
}

const pictures: Array<{ picture: string; sources: string[] }> = [];
const record = (picture: string, sources: string[]) => {
  pictures.push({ picture, sources });
  console.log(`  ${picture}`);
};

run('The demo and its report', 'npm', ['run', 'demo']);
const copied: Array<[ReportScreenshot, string]> = [
  [shots.FIXED_AT_HEAD, 'page-desktop.png'],
  [shots.HEAD_ON_A_PHONE, 'page-phone.png'],
  [shots.BROKEN_ON_CHANGE, 'demo-change-on-production-copy.png'],
  [shots.PASSING_ON_DUMMY_DATA, 'demo-change-on-dummy-data.png'],
];
for (const [shot, name] of copied) {
  copyFileSync(join(DEMO_REPORT_DIR, shot.file), join(REPO_ROOT, IMAGES, name));
  record(`${IMAGES}/${name}`, DEMO_SOURCES);
}

// The report as a presenter shows it, and its broken-vs-fixed pair alone.
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(join(DEMO_REPORT_DIR, 'index.html')).href);
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: join(REPO_ROOT, IMAGES, 'demo-report.png'), fullPage: true });
  record(`${IMAGES}/demo-report.png`, DEMO_SOURCES);
  await page
    .locator('.pair')
    .first()
    .screenshot({ path: join(REPO_ROOT, IMAGES, 'demo-broken-vs-fixed.png') });
  record(`${IMAGES}/demo-broken-vs-fixed.png`, DEMO_SOURCES);
} finally {
  await browser.close();
}

run(
  'The hostile entries at 360 and 800 px',
  'npx',
  ['playwright', 'test', '-c', 'playwright.config.ts', 'hostile-entries.spec.ts'],
  { cwd: CI_DIR },
);
const e2eOutput = join(TEST_RESULTS_DIR, 'e2e');
for (const width of [360, 800]) {
  const name = `hostile-entries-${width}px.png`;
  const made = readdirSync(e2eOutput, { recursive: true, encoding: 'utf8' }).find((file) => file.endsWith(name));
  if (!made) {
    console.error(
      `The hostile-entries spec passed but wrote no ${name} under ${fromRoot(e2eOutput)}: check where it saves it.`,
    );
    process.exit(1);
  }
  copyFileSync(join(e2eOutput, made), join(REPO_ROOT, IMAGES, name));
  record(`${IMAGES}/${name}`, [...HOSTILE_SOURCES, 'ci/demo/pictures/docs-pictures.ts']);
}

const charts = run('The benchmark charts', 'npx', ['tsx', 'scripts/bench-charts.ts'], { capture: true });
for (const [, picture] of charts.matchAll(/^wrote (\S+\.svg)$/gm))
  record(picture!, [...CHART_SOURCES, 'ci/demo/pictures/docs-pictures.ts']);

writeManifest(REPO_ROOT, pictures);
console.log(`\n${pictures.length} pictures recorded in ${IMAGES}/pictures.json.`);
