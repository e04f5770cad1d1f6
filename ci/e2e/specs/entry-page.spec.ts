import { expect, test } from '@playwright/test';
import { renderedText, signThroughApi, unique } from '../support/guestbook.js';
import { guardPage } from '../support/page-guard.js';

test.describe('one entry at its own address (/entries/:id)', () => {
  test('when an entry is opened by its address, then the page shows it exactly as signed, with a way back', async ({
    page,
    request,
  }) => {
    const name = unique('Zoë 👩‍👩‍👧‍👦');
    const signed = await signThroughApi(request, name, 'Line one\nLine two — ‮reversed‬ 🇺🇦');
    const guard = guardPage(page);

    const response = await page.goto(`/entries/${signed.id}`);

    expect(response?.headers()['content-type']).toContain('text/html');
    const shown = page.locator(`li.entry[data-entry-id="${signed.id}"]`);
    await expect(shown).toBeVisible();
    expect(await renderedText(shown)).toEqual({ name: signed.name, message: signed.message });
    await expect(page.getByRole('link', { name: 'All entries' })).toHaveAttribute('href', '/');
    guard.expectClean();
  });

  test('when the address names no entry, then the page says so instead of showing an error', async ({ page }) => {
    await page.goto('/entries/00000000-0000-1000-8000-000000000000');

    await expect(page.getByText('There is no entry at this address.')).toBeVisible();
    await expect(page.locator('li.entry')).toHaveCount(0);
  });
});
