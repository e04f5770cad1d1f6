import { expect, test } from '@playwright/test';
import { entries, entryById, renderedText, signThroughForm, unique } from '../support/guestbook.js';
import { guardPage } from '../support/page-guard.js';

test.describe('signing the guestbook', () => {
  test('when a visitor signs, then the entry appears at the top without a reload, is announced, and is still there after a reload', async ({
    page,
  }) => {
    const guard = guardPage(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Guestbook', level: 1 })).toBeVisible();
    let documentLoads = 0;
    page.on('load', () => documentLoads++);

    const name = unique('Ada');
    const message = 'First line\nsecond line\n\n  indented third line';
    const created = await signThroughForm(page, name, message);

    await expect(entries(page).first()).toHaveAttribute('data-entry-id', created.id);
    expect(await renderedText(entries(page).first())).toEqual({ name, message });
    await expect(page.getByTestId('announcer')).toHaveText(
      `Thank you, ${name}. Your entry is now at the top of the guestbook.`,
    );
    await expect(page.getByLabel('Message', { exact: true })).toHaveValue('');
    expect(documentLoads).toBe(0);
    // The author's avatar, drawn by the API, has loaded.
    const avatar = entries(page).first().locator('img.entry-avatar');
    await expect(avatar).toHaveAttribute('src', /^\/api\/avatars\/.+\.svg$/);
    await expect
      .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);

    await page.reload();
    await expect(entries(page).first()).toHaveAttribute('data-entry-id', created.id);
    expect(await renderedText(entries(page).first())).toEqual({ name, message });
    guard.expectClean();
  });

  test('when the entry is being sent, then the sign button is disabled until the API answers', async ({ page }) => {
    await page.goto('/');
    // Hold the real request back (it still goes to the real API) so the in-between state can be seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/entries', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/entries') && r.method() === 'POST') posts.push(r.url());
    });
    await page.getByLabel('Name', { exact: true }).fill(unique('Grace'));
    await page.getByLabel('Message', { exact: true }).fill('Hold on');
    await page.getByRole('button', { name: 'Sign' }).click();

    const sending = page.getByRole('button', { name: 'Signing…' });
    await expect(sending).toBeDisabled();
    await expect(page.getByLabel('Message', { exact: true })).not.toBeEditable();
    await sending.click({ force: true }); // a second press while sending must not sign twice
    await page.getByLabel('Name', { exact: true }).press('Enter');
    release();
    await expect(page.getByRole('button', { name: 'Sign' })).toBeEnabled();
    await expect(entries(page).first().locator('.entry-message')).toHaveText('Hold on');
    expect(posts).toHaveLength(1);
  });

  test('when a visitor uses only the keyboard, then they can sign and focus stays in the form', async ({ page }) => {
    await page.goto('/');
    await expect(entries(page).first().or(page.getByText('No one has signed yet'))).toBeVisible();
    const name = unique('Keyboard');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Sign' })).toBeFocused();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/entries') && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    const entry = (await (await created).json()) as { id: string };

    await expect(entries(page).first()).toHaveAttribute('data-entry-id', entry.id);
    await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
    await expect(page.getByTestId('announcer')).toContainText(name);
  });

  test('when a name is 80 emoji (160 UTF-16 units), then the counter reads 80 / 80 and the API accepts it', async ({
    page,
  }) => {
    await page.goto('/');
    const name = '🦊'.repeat(79) + String.fromCodePoint(0x1f680 + Math.floor(Math.random() * 64));
    const message = unique('Code points, not UTF-16 units');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await expect(page.locator('#name-count')).toHaveText('80 / 80 characters');
    const created = await signThroughForm(page, name, message);
    expect(created.name).toBe(name);
    expect(await renderedText(entryById(page, created.id))).toEqual({ name, message });
  });
});
