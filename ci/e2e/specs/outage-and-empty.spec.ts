import { expect, test } from '@playwright/test';
import { startStack, type Stack } from '../support/stack.js';
import { entries, signThroughForm, unique } from '../support/guestbook.js';

// These tests stop Cassandra and the API, so they run on a stack of their own (fresh keyspace, own ports),
// never on the shared one or on BASE_URL.
let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startStack();
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await stack?.stop();
});

test.describe('a guestbook of its own', () => {
  test.use({ baseURL: undefined });

  test('when no one has signed yet, then the page says so and invites the first entry', async ({ page }) => {
    await page.goto(stack.url);
    await expect(page.getByText('No one has signed yet. Be the first!')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  });

  test('when every entry is shown, then the list ends with a note instead of a button', async ({ page }) => {
    await page.goto(stack.url);
    const names = [unique('First'), unique('Second')];
    for (const name of names) await signThroughForm(page, name, 'hello');
    await page.reload();
    await expect(entries(page).locator('.entry-name')).toHaveText(names.toReversed());
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
    await expect(page.getByText('That’s everyone — you have reached the first entry.')).toBeVisible();
  });

  test('when Cassandra is down, then the page says so in words and offers a retry that works once it is back', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.request.post(`${stack.url}/api/entries`, {
      data: { name: unique('Before'), message: 'signed before the outage' },
    });
    await page.goto(stack.url);
    await expect(entries(page).first()).toBeVisible();
    await stack.killCassandra();

    await page.reload();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('database is not answering right now', { timeout: 30_000 });
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    // Signing during the outage fails in words, and keeps what was typed.
    const name = unique('Patient');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Message', { exact: true }).fill('Written while the database was down');
    await page.getByRole('button', { name: 'Sign' }).click();
    await expect(page.locator('.form-error')).toContainText('cannot save entries right now', { timeout: 30_000 });
    await expect(page.getByLabel('Message', { exact: true })).toHaveValue('Written while the database was down');

    await stack.restartCassandra();
    await expect(async () => {
      await page.getByRole('button', { name: 'Try again' }).click({ timeout: 5_000 });
      await expect(entries(page).first()).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByText('entries cannot be shown')).toHaveCount(0);

    await page.getByRole('button', { name: 'Sign' }).click();
    await expect(entries(page).first().locator('.entry-name')).toHaveText(name);
  });

  test('when the API cannot be reached, then the page says so, and "Load more" recovers once it is back', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    for (let i = 0; i < 21; i++)
      await page.request.post(`${stack.url}/api/entries`, { data: { name: unique('Filler'), message: `${i}` } });
    await page.goto(stack.url);
    await expect(entries(page)).toHaveCount(20);
    await stack.stopApi();

    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(page.getByRole('alert')).toContainText('The guestbook server cannot be reached');
    await expect(entries(page)).toHaveCount(20); // what was shown stays shown

    await stack.startApi();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => entries(page).count()).toBeGreaterThan(20);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
