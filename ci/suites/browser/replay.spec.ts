import { expect, test, type Page } from '@playwright/test';
import { entries, renderedText } from '../../e2e/support/guestbook.js';
import { guardPage } from '../../e2e/support/page-guard.js';
import { readExpected, type ExpectedEntry } from './expected-entries.js';

const expectedFile = process.env.REPLAY_EXPECTED;
if (!expectedFile) throw new Error('REPLAY_EXPECTED is not set: run the browser replay through `npm run replay`');
const expected = readExpected(expectedFile);

/** What stands where the entries should be, if not entries: the page's own error message. */
async function listError(page: Page): Promise<string | null> {
  const error = page.locator('.list-error, .load-more-error');
  return (await error.count()) ? await error.first().innerText() : null;
}

function namesOf(missing: ExpectedEntry[]): string {
  const unusual = missing.filter((e) => e.unusual);
  const named = (unusual.length ? unusual : missing).slice(0, 10).map((e) => `  - ${e.description}`);
  return `${missing.length} entries not shown${unusual.length ? `, ${unusual.length} with unusual characters` : ''}:\n${named.join('\n')}`;
}

test(`the page shows ${expected.length} entries exactly as stored, without a console error`, async ({ page }) => {
  const guard = guardPage(page);
  await page.goto('/');
  await expect(entries(page).first().or(page.locator('.list-error')).or(page.getByText('No one has signed yet'))).toBeVisible();

  // Page through with "Load more" until the deepest entry of the sample has been drawn (or the list ends or fails).
  const deepest = Math.max(-1, ...expected.map((e) => e.position));
  for (;;) {
    const shown = await entries(page).count();
    const more = page.getByRole('button', { name: 'Load more' });
    if (shown > deepest || (await listError(page)) || !(await more.isVisible())) break;
    await more.click();
    await expect(entries(page).nth(shown).or(page.locator('.load-more-error'))).toBeVisible();
  }

  const missing: ExpectedEntry[] = [];
  for (const entry of expected) {
    const item = page.locator(`li.entry[data-entry-id="${entry.id}"]`);
    if ((await item.count()) === 0) {
      missing.push(entry);
      continue;
    }
    expect.soft(await renderedText(item), entry.description).toEqual({ name: entry.name, message: entry.message });
  }
  const error = await listError(page);
  expect.soft(error, `The page shows an error instead of entries ("nothing is loading"). ${namesOf(missing)}`).toBeNull();
  if (!error) expect.soft(missing, namesOf(missing)).toEqual([]);
  guard.expectClean();
});
