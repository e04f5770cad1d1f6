import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, takeScreenshots } from '../../demo/report/page-screenshots.js';
import type { RecordedStory } from '../../demo/report/recorded-story.js';
import { renderReport } from '../../demo/report/render-report.js';

// A recorded story whose every string is hostile, as production entries can be: markup that would run if pasted
// unescaped, a right-to-left override that would reorder the page around it, and attribute breakouts.
const RLO = '\u202E';
const hostile = {
  script: '<script>document.title="pwned"</script>',
  image: '<img src=x onerror="document.title=\'pwned\'">',
  override: `${RLO}gnp.exe`,
  breakout: '"><svg onload=alert(1)>',
};
const story: RecordedStory = {
  held: true,
  table: [
    ['', 'dummy data (plain CI)', 'copy of production (replay)'],
    ['API with the change', 'PASS (6 entries)', `FAIL: 2 entries (${hostile.script}, ${hostile.override})`],
    ['API at HEAD (the fix)', 'PASS (6 entries)', 'PASS (61 entries)'],
  ],
  offending: [
    {
      id: 'a1',
      name: hostile.script,
      nameCodePoints: '',
      messageCodePoints: 'U+1F984 UNICORN FACE',
      problems: [`GET /api/entries answered 500: ${hostile.image}`],
    },
    {
      id: `b2${hostile.breakout}`,
      name: hostile.override,
      nameCodePoints: 'U+202E RIGHT-TO-LEFT OVERRIDE',
      messageCodePoints: '',
      problems: [hostile.breakout],
    },
  ],
  moreOffending: 3,
  apiErrors: [`Request failed: URIError: ${hostile.image}`],
  screenshots: [
    [
      { file: 'left.png', title: hostile.script, caption: 'left', seen: hostile.override },
      { file: 'right.png', title: 'right', caption: hostile.breakout },
    ],
    [{ file: 'below.png', title: 'below', caption: 'below' }],
  ],
  timings: [{ title: hostile.image, ms: 1234 }],
};

const dir = mkdtempSync(join(tmpdir(), 'guestbook-report-test-'));
const page = join(dir, 'index.html');
let server: Server;

beforeAll(async () => {
  // Real screenshots, by the report's own code, of a page served over HTTP.
  server = createServer((_, response) => response.end('<!doctype html><body><header>A page</header></body>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  await takeScreenshots(
    ['left.png', 'right.png', 'below.png'].map((file) => ({
      url,
      path: join(dir, file),
      width: 400,
      height: 300,
      ready: 'header',
    })),
  );
  writeFileSync(page, renderReport(story));
});

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo report (ci/demo/report)', () => {
  it('when entries hold markup and bidi overrides, then the HTML has them as escaped text and no raw override', () => {
    const html = readFileSync(page, 'utf8');

    expect(html).not.toMatch(/<script|<svg|<img src=x|onerror="/i);
    expect(html).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    expect(html).not.toContain(RLO);
    expect(html).toContain('⟨U+202E⟩gnp.exe');
  });

  it('when opened in Chromium, then it shows the table, the entries as text and every screenshot, and runs nothing', async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const dialogs: string[] = [];
      tab.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
      const requests: string[] = [];
      tab.on('request', (request) => requests.push(request.url()));
      await tab.goto(pathToFileURL(page).href);

      expect(await tab.title()).toBe('Guestbook demo: tested against a copy of production');
      expect(await tab.locator('#before-after tbody tr').count()).toBe(2);
      expect(await tab.locator('#before-after td.fail').allInnerTexts()).toEqual([
        `FAIL: 2 entries (${hostile.script}, ⟨U+202E⟩gnp.exe)`,
      ]);
      expect(await tab.locator('.offenders .entry-name').allTextContents()).toEqual([
        hostile.script,
        '⟨U+202E⟩gnp.exe',
      ]);
      expect(await tab.locator('.offenders code').first().textContent()).toBe('a1');
      expect(await tab.locator('#offending').innerText()).toContain('… and 3 more');
      expect(await tab.locator('script, svg, iframe').count()).toBe(0);
      expect(await tab.locator('.pair').count()).toBe(2);
      const images = await tab
        .locator('img')
        .evaluateAll((els) =>
          els.map((img) => [img.getAttribute('src'), (img as unknown as { naturalWidth: number }).naturalWidth]),
        );
      expect(images).toEqual([
        ['left.png', 400],
        ['right.png', 400],
        ['below.png', 400],
      ]);
      expect(dialogs).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
    }
    for (const file of ['left.png', 'right.png', 'below.png']) expect(existsSync(join(dir, file))).toBe(true);
  });
});
