import { expect, test } from '@playwright/test';
import { fixtureEntries, readRegressionFixtures } from '../../seed/regression-fixtures.js';
import { entries, entryById, renderedText } from '../support/guestbook.js';
import { guardPage } from '../support/page-guard.js';

// Entries a shrink isolated from production data that broke a change (ci/regressions/fixtures), written into the
// stack's keyspace by the global setup with their original ids: old entries, at the end of the list.
const fixtures = fixtureEntries(readRegressionFixtures());

test.describe('committed regression fixtures', () => {
  test('when the list is followed to its end, then every fixture entry is shown exactly as stored', async ({
    page,
  }) => {
    test.skip(
      process.env.E2E_REGRESSION_FIXTURES === undefined,
      'BASE_URL names a stack this suite did not start: the fixtures could not be written into its keyspace',
    );
    expect(fixtures.length).toBeGreaterThan(0);
    const guard = guardPage(page);
    await page.goto('/');
    const loadMore = page.getByRole('button', { name: 'Load more' });
    const last = entryById(page, fixtures.at(-1)!.id);
    await expect(entries(page).first()).toBeVisible();
    for (let clicks = 0; clicks < 100 && !(await last.isVisible()) && (await loadMore.isVisible()); clicks++) {
      const shown = await entries(page).count();
      await loadMore.click();
      await expect.poll(() => entries(page).count()).toBeGreaterThan(shown);
    }

    for (const entry of fixtures) {
      await expect(entryById(page, entry.id)).toBeVisible();
      expect(await renderedText(entryById(page, entry.id))).toEqual({ name: entry.name, message: entry.message });
    }
    guard.expectClean();
  });
});
