import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export type Entry = { id: string; name: string; message: string; createdAt: string };
export type EntriesPage = { entries: Entry[]; nextCursor: string | null };

/** A suffix that keeps each test's entries apart from every other test's and from whatever data the stack holds. */
export function unique(prefix: string): string {
  return `${prefix} ${randomBytes(4).toString('hex')}`;
}

export function entries(page: Page): Locator {
  return page.locator('ol.entries > li.entry');
}

export function entryById(page: Page, id: string): Locator {
  return page.locator(`li.entry[data-entry-id="${id}"]`);
}

/** Fills and sends the form as a visitor would, and returns the entry the API created. */
export async function signThroughForm(page: Page, name: string, message: string): Promise<Entry> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Message', { exact: true }).fill(message);
  const created = page.waitForResponse((r) => r.url().endsWith('/api/entries') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign' }).click();
  const response = await created;
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Entry;
}

/** Signs straight through the API, for tests that need data but are not about the form. */
export async function signThroughApi(request: APIRequestContext, name: string, message: string): Promise<Entry> {
  const response = await request.post('/api/entries', { data: { name, message } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Entry;
}

export async function listThroughApi(request: APIRequestContext, cursor?: string): Promise<EntriesPage> {
  const response = await request.get('/api/entries', { params: { limit: 20, ...(cursor ? { cursor } : {}) } });
  expect(response.status()).toBe(200);
  return (await response.json()) as EntriesPage;
}

/** The exact text the page shows for one entry (textContent: no trimming, no normalisation). */
export async function renderedText(entry: Locator): Promise<{ name: string | null; message: string | null }> {
  return {
    name: await entry.locator('.entry-name').textContent(),
    message: await entry.locator('.entry-message').textContent(),
  };
}
