import { expect, test } from '@playwright/test';
import { entryById, signThroughApi, unique } from '../support/guestbook.js';

// A German browser reading an English page: the dates must be English too, like every other word on it.
test.use({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });

test.describe('the page language', () => {
  test('when the browser prefers German, then the page is English, dates and times too', async ({ page, request }) => {
    const entry = await signThroughApi(request, unique('Sprache'), 'Written in a German browser');
    await page.goto('/');

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await page.evaluate(() => navigator.language)).toBe('de-DE');
    const time = entryById(page, entry.id).locator('time.entry-time');
    await expect(time).toHaveText('now');
    // The exact date in the tooltip: an English weekday and month, in the reader's own time zone.
    const weekday = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
    const exact = new RegExp(`^${weekday}, [A-Z][a-z]+ \\d{1,2}, \\d{4} at .*(GMT\\+[12]|CES?T)`);
    await expect(time).toHaveAttribute('title', exact);
  });

  test('when the page declares another language, then its dates follow that language', async ({ page, request }) => {
    const entry = await signThroughApi(request, unique('Langue'), 'The lang attribute decides');
    // The document's lang is what the formatters read; a page translated to French would carry lang="fr".
    await page.addInitScript(() => {
      const translate = () => document.documentElement.setAttribute('lang', 'fr');
      document.addEventListener('readystatechange', translate, { once: true });
    });
    await page.goto('/');

    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(entryById(page, entry.id).locator('time.entry-time')).toHaveText('maintenant');
  });
});
