import { expect, test, type Page } from '@playwright/test';
import { entries, listThroughApi, signThroughApi, unique } from '../support/guestbook.js';
import { guardPage } from '../support/page-guard.js';

const PAGE_SIZE = 20;

test.describe('load more', () => {
  test('when there are more entries than one page, then "Load more" follows nextCursor and appends the next page in order', async ({
    page,
    request,
  }) => {
    // More than a page of fresh entries, so the first two pages exist whatever the stack already held.
    const batch = unique('Pager');
    for (let i = 1; i <= PAGE_SIZE + 5; i++) await signThroughApi(request, `${batch} #${i}`, `Entry ${i} of a batch`);
    const first = await listThroughApi(request);
    expect(first.nextCursor).not.toBeNull();
    const second = await listThroughApi(request, first.nextCursor!);

    const guard = guardPage(page);
    await page.goto('/');
    await expect(entries(page)).toHaveCount(PAGE_SIZE);
    expect(await ids(page)).toEqual(first.entries.map((e) => e.id));
    await expect(entries(page).first().locator('.entry-name')).toHaveText(`${batch} #${PAGE_SIZE + 5}`);

    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(entries(page)).toHaveCount(PAGE_SIZE + second.entries.length);
    expect(await ids(page)).toEqual([...first.entries, ...second.entries].map((e) => e.id));
    // The batch continues across the page boundary, newest first.
    const names = await entries(page).locator('.entry-name').allTextContents();
    const batchNames = names.filter((n) => n.startsWith(batch));
    expect(batchNames).toEqual(Array.from({ length: PAGE_SIZE + 5 }, (_, i) => `${batch} #${PAGE_SIZE + 5 - i}`));
    // Keyboard focus is never dropped: it stays on the button, or moves to the end note when the last page came in.
    if (second.nextCursor) await expect(page.getByRole('button', { name: 'Load more' })).toBeFocused();
    else await expect(page.getByText('you have reached the first entry')).toBeFocused();
    guard.expectClean();
  });
});

async function ids(page: Page): Promise<(string | null)[]> {
  return entries(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-entry-id')));
}
