import { expect, test } from '@playwright/test';
import { entries, signThroughApi, unique } from '../support/guestbook.js';
import { guardPage } from '../support/page-guard.js';

test.describe('the page as served', () => {
  test('when the page loads under the API\'s Content-Security-Policy, then it works with no inline script and no console error', async ({ page }) => {
    const guard = guardPage(page);
    const response = await page.goto('/');
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-inline' 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    await expect(page.getByRole('heading', { name: 'Sign the guestbook' })).toBeVisible();
    await expect(page.locator('script:not([src])')).toHaveCount(0);
    guard.expectClean();
  });

  test('when the page loads, then the first page of entries is asked for once, while the script loads (preload)', async ({ page, request }) => {
    await signThroughApi(request, unique('Preload'), 'so that the list is not empty');
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/entries') asked.push(r.url());
    });
    await page.goto('/');
    await expect(entries(page).first()).toBeVisible();
    // A preload the script does not reuse shows up as a second request for the same page.
    await page.waitForTimeout(500);
    expect(asked.map((u) => new URL(u).search)).toEqual(['?limit=20']);
  });
});
