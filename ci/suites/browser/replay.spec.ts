import { expect, test, type Page } from '@playwright/test';
import { entries, entryById, renderedText } from '../../e2e/support/guestbook.js';
import { guardPage } from '../../e2e/support/page-guard.js';
import { readExpected, type ExpectedEntry } from './expected-entries.js';

const expectedFile = process.env.REPLAY_EXPECTED;
if (!expectedFile) throw new Error('REPLAY_EXPECTED is not set: run the browser replay through `npm run replay`');
const expected = readExpected(expectedFile);
// The newest entries are checked where a visitor sees them, in the list; deeper ones at their own address.
const newestCount = Number(process.env.REPLAY_BROWSER_NEWEST ?? 100);
const inList = expected.filter((entry) => entry.position < newestCount);
const deep = expected.filter((entry) => entry.position >= newestCount);

/** What stands where the entries should be, if not entries: the page's own error message. */
async function listError(page: Page): Promise<string | null> {
  const error = page.locator('.list-error, .load-more-error');
  return (await error.count()) ? await error.first().innerText() : null;
}

function namesOf(missing: ExpectedEntry[]): string {
  const unusual = missing.filter((entry) => entry.unusual);
  const named = (unusual.length ? unusual : missing).slice(0, 10).map((entry) => `  - ${entry.description}`);
  const withUnusual = unusual.length ? `, ${unusual.length} with unusual characters` : '';
  return `${missing.length} entries not shown${withUnusual}:\n${named.join('\n')}`;
}

test(`the list shows the newest ${inList.length} entries exactly as stored, without a console error`, async ({
  page,
}) => {
  const guard = guardPage(page);
  await page.goto('/');
  await expect(
    entries(page).first().or(page.locator('.list-error')).or(page.getByText('No one has signed yet')),
  ).toBeVisible();

  // Page through with "Load more" until the deepest of them has been drawn (or the list ends or fails).
  const deepest = Math.max(-1, ...inList.map((entry) => entry.position));
  for (;;) {
    const shown = await entries(page).count();
    const more = page.getByRole('button', { name: 'Load more' });
    if (shown > deepest || (await listError(page)) || !(await more.isVisible())) break;
    await more.click();
    await expect(entries(page).nth(shown).or(page.locator('.load-more-error'))).toBeVisible();
  }

  const missing: ExpectedEntry[] = [];
  for (const entry of inList) {
    const item = entryById(page, entry.id);
    if ((await item.count()) === 0) {
      missing.push(entry);
      continue;
    }
    expect.soft(await renderedText(item), entry.description).toEqual({ name: entry.name, message: entry.message });
  }
  const error = await listError(page);
  expect
    .soft(error, `The page shows an error instead of entries ("nothing is loading"). ${namesOf(missing)}`)
    .toBeNull();
  if (!error) expect.soft(missing, namesOf(missing)).toEqual([]);
  guard.expectClean();
});

// Deeper entries are opened one by one, in groups small enough for one test's time; small data has none.
const GROUP = 25;
for (let first = 0; first < deep.length; first += GROUP) {
  const group = deep.slice(first, first + GROUP);
  const span = `positions ${group[0]!.position}–${group.at(-1)!.position}`;
  test(`${group.length} unusual entries deeper in the list (${span}) show exactly as stored at their own address`, ({
    page,
  }) => checkAtOwnAddress(page, group));
}

async function checkAtOwnAddress(page: Page, group: ExpectedEntry[]): Promise<void> {
  const guard = guardPage(page);
  const missing: ExpectedEntry[] = [];
  for (const entry of group) {
    await page.goto(`/entries/${entry.id}`);
    const item = entryById(page, entry.id);
    await expect(item.or(page.locator('.list-error, .list-status:not([role="status"])'))).toBeVisible();
    if ((await item.count()) === 0) missing.push(entry);
    else expect.soft(await renderedText(item), entry.description).toEqual({ name: entry.name, message: entry.message });
  }
  expect.soft(missing, namesOf(missing)).toEqual([]);
  guard.expectClean();
}
