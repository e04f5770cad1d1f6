import { expect, test } from '@playwright/test';
import { entries, signThroughApi, unique } from '../support/guestbook.js';
import { guardPage } from '../support/page-guard.js';

test.describe('the page as served', () => {
  test("when the page loads under the API's Content-Security-Policy, then it works with no inline script and no console error", async ({
    page,
  }) => {
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

  test('when the page loads, then the preloaded URL is exactly the first page the script asks for', async ({
    page,
    request,
  }) => {
    await signThroughApi(request, unique('Preload'), 'so that the list is not empty');
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/entries') asked.push(`${url.pathname}${url.search}`);
    });
    await page.goto('/');
    await expect(entries(page).first()).toBeVisible();
    const preloaded = await page.locator('link[rel="preload"][as="fetch"]').getAttribute('href');

    // A preload whose URL drifted from the page size would be a wasted request beside the real one. Whether Chromium
    // reuses it is a speed matter (bench:web), and on a starved CPU it may legitimately fetch twice.
    expect(preloaded).toBe('/api/entries?limit=20');
    expect(new Set(asked)).toEqual(new Set([preloaded]));
  });
});
