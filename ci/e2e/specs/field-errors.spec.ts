import { expect, test, type Page } from '@playwright/test';
import { unique } from '../support/guestbook.js';

type Field = 'Name' | 'Message';

/** The error text tied to a field: shown next to it, named by its aria-describedby, and the field marked invalid. */
async function expectFieldError(page: Page, field: Field, text: string | RegExp): Promise<void> {
  const input = page.getByLabel(field, { exact: true });
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription(new RegExp(typeof text === 'string' ? escape(text) : text.source));
  const error = page.locator(`#${field.toLowerCase()}-error`);
  await expect(error).toHaveText(text);
  await expect(input).toBeFocused();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function submit(page: Page, name: string, message: string): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Message', { exact: true }).fill(message);
  await page.getByRole('button', { name: 'Sign' }).click();
}

test.describe('errors next to the field they name', () => {
  let posts: number;
  test.beforeEach(async ({ page }) => {
    posts = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/entries') && r.method() === 'POST') posts++;
    });
    await page.goto('/');
  });

  test('when the name is empty, then the form says so and sends nothing', async ({ page }) => {
    await submit(page, '', 'A message without a name');
    await expectFieldError(page, 'Name', 'Please write a name.');
    expect(posts).toBe(0);
  });

  test('when the message is empty, then the form says so and sends nothing', async ({ page }) => {
    await submit(page, unique('Nameonly'), '');
    await expectFieldError(page, 'Message', 'Please write a message.');
    expect(posts).toBe(0);
  });

  test('when the name is 81 code points, then the counter turns and the form refuses it', async ({ page }) => {
    await submit(page, '𠮷'.repeat(81), 'Too long a name');
    await expect(page.locator('#name-count')).toHaveText('81 / 80 characters');
    await expect(page.locator('#name-count')).toHaveClass(/field-count-over/);
    const sentence = 'The name is 81 characters long; the limit is 80 (some emoji count as several).';
    await expectFieldError(page, 'Name', sentence);
    expect(posts).toBe(0);
  });

  test('when the message is 2001 code points, then the form refuses it', async ({ page }) => {
    await submit(page, unique('Verbose'), '✍️'.repeat(1000) + 'x'); // ✍️ is two code points
    await expect(page.locator('#message-count')).toHaveText('2001 / 2000 characters');
    const sentence = 'The message is 2001 characters long; the limit is 2000 (some emoji count as several).';
    await expectFieldError(page, 'Message', sentence);
    expect(posts).toBe(0);
  });

  test('when the name holds a control character, then the API refuses it and its error shows under Name', async ({
    page,
  }) => {
    await submit(page, `${unique('Bell')}\u0007`, 'The API judges content');
    await expectFieldError(page, 'Name', /^The name must not contain control characters/);
    expect(posts).toBe(1);
    await expect(page.locator('#message-error')).toHaveCount(0);
  });

  test('when the message holds an escape character, then the API refuses it and its error shows under Message', async ({
    page,
  }) => {
    await submit(page, unique('Escape'), 'colour \u001b[31mred\u001b[0m');
    await expectFieldError(page, 'Message', /^The message must not contain control characters other than line breaks/);
    expect(posts).toBe(1);
    await expect(page.locator('#name-error')).toHaveCount(0);
  });

  test('when a field in error is edited, then its error goes away and the entry can be signed', async ({ page }) => {
    await submit(page, '', 'Fixed after the error');
    await expectFieldError(page, 'Name', 'Please write a name.');
    await page.getByLabel('Name', { exact: true }).fill(unique('Fixed'));
    await expect(page.locator('#name-error')).toHaveCount(0);
    await expect(page.getByLabel('Name', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Sign' }).click();
    await expect(page.locator('ol.entries > li').first().locator('.entry-message')).toHaveText('Fixed after the error');
    expect(posts).toBe(1);
  });
});
