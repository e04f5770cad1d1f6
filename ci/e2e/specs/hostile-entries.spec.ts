import { expect, test, type Locator, type Page } from '@playwright/test';
import { entries, entryById, renderedText, signThroughApi, signThroughForm, type Entry } from '../support/guestbook.js';
import { hostileEntries } from '../support/hostile-entries.js';
import { guardPage } from '../support/page-guard.js';

// Names and messages are bare text: any element inside them, or any script, frame or image other than the
// API's avatar, would be markup that came from an entry.
const INJECTED = 'ol.entries :is(.entry-name bdi *, .entry-message *, script, iframe, svg, img:not(.entry-avatar))';

test.describe('hostile entries render as text, exactly', () => {
  for (const hostile of hostileEntries().filter((h) => !h.apiOnly)) {
    test(`when an entry with ${hostile.kind} is signed, then its textContent equals what was posted, before and after a reload`, async ({
      page,
    }) => {
      const guard = guardPage(page);
      await page.goto('/');
      const created = await signThroughForm(page, hostile.name, hostile.message);
      expect({ name: created.name, message: created.message }).toEqual({
        name: hostile.name,
        message: hostile.message,
      });

      await expect(entries(page).first()).toHaveAttribute('data-entry-id', created.id);
      expect(await renderedText(entries(page).first())).toEqual({ name: hostile.name, message: hostile.message });

      await page.reload();
      await expect(entryById(page, created.id)).toBeVisible();
      expect(await renderedText(entryById(page, created.id))).toEqual({ name: hostile.name, message: hostile.message });
      await expect(page.locator(INJECTED)).toHaveCount(0);
      guard.expectClean();
    });
  }

  test('when all of them are listed together on a narrow screen, then none breaks the layout or its neighbours', async ({
    page,
    request,
  }, testInfo) => {
    const signed: Entry[] = [];
    for (const hostile of hostileEntries()) signed.push(await signThroughApi(request, hostile.name, hostile.message));
    const guard = guardPage(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/');
    const shown = signed.toReversed(); // newest first
    await expect(entryById(page, shown[0]!.id)).toBeVisible();
    expect(
      await entries(page).evaluateAll(
        (items, n) => items.slice(0, n).map((i) => i.getAttribute('data-entry-id')),
        shown.length,
      ),
    ).toEqual(shown.map((e) => e.id));

    for (const entry of signed) {
      expect(await renderedText(entryById(page, entry.id))).toEqual({ name: entry.name, message: entry.message });
      // Isolated for bidi: an override inside one name or message ends there.
      await expect(entryById(page, entry.id).locator('.entry-name > bdi')).toHaveCount(1);
      await expect(entryById(page, entry.id).locator('.entry-message')).toHaveAttribute('dir', 'auto');
    }
    await expect(page.locator(INJECTED)).toHaveCount(0);

    // Long words wrap: nothing scrolls sideways, nothing is cut off at the right edge.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await overflowingText(page)).toEqual([]);

    // Emoji sequences wrap as wholes.
    const emoji = entryById(page, signed[0]!.id).locator('.entry-message');
    const { lines, split } = await graphemesAcrossLines(emoji);
    expect(lines).toBeGreaterThan(1);
    expect(split).toEqual([]);

    // Stacked combining marks stay inside their own card: the cards around it look the same with it hidden.
    // The list is [emoji, combining marks, right-to-left override, zero-width, ...], shown newest first.
    const zalgo = entryById(page, signed[1]!.id);
    for (const neighbour of [entryById(page, signed[0]!.id), entryById(page, signed[2]!.id)]) {
      const withZalgo = await neighbour.screenshot();
      await zalgo.evaluate((el: HTMLElement) => (el.style.visibility = 'hidden'));
      const withoutZalgo = await neighbour.screenshot();
      await zalgo.evaluate((el: HTMLElement) => (el.style.visibility = ''));
      expect(withZalgo.equals(withoutZalgo), 'combining marks painted over a neighbouring entry').toBe(true);
    }

    // The right-to-left override does not reorder the Latin name of its neighbour.
    expect(await readsLeftToRight(entryById(page, signed[3]!.id).locator('.entry-name bdi'))).toBe(true);

    // Kept as test artifacts: the hostile entries on a phone and on a desktop screen.
    for (const width of [360, 800]) {
      await page.setViewportSize({ width, height: 800 });
      await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
      const top = await entryById(page, shown[0]!.id).boundingBox();
      const bottom = await entryById(page, shown[shown.length - 1]!.id).boundingBox();
      const path = testInfo.outputPath(`hostile-entries-${width}px.png`);
      await page.screenshot({
        path,
        clip: { x: 0, y: top!.y - 8, width, height: bottom!.y + bottom!.height - top!.y + 16 },
      });
      await testInfo.attach(`hostile entries, ${width} px wide`, { path, contentType: 'image/png' });
    }
    guard.expectClean();
  });
});

/** Names and messages whose text is wider than their box (a long word that did not wrap). */
function overflowingText(page: Page): Promise<string[]> {
  return page
    .locator('.entry-name, .entry-message')
    .evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => (el.textContent ?? '').slice(0, 40)),
    );
}

/** How many lines a text wraps onto, and which grapheme clusters were cut in two by a line break. */
function graphemesAcrossLines(element: Locator): Promise<{ lines: number; split: string[] }> {
  return element.evaluate((el) => {
    const text = el.firstChild as Text;
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
    const tops = new Set<number>();
    const split: string[] = [];
    for (const { segment, index } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text.data)) {
      const range = document.createRange();
      range.setStart(text, index);
      range.setEnd(text, index + segment.length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const ys = rects.map((r) => r.top);
      if (Math.max(...ys) - Math.min(...ys) > lineHeight / 2) split.push(segment);
      for (const y of ys) tops.add(Math.round(y / lineHeight));
    }
    return { lines: tops.size, split };
  });
}

/** True when the first letter of a text is painted left of its fourth (the text starts with a Latin word). */
function readsLeftToRight(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    const text = el.firstChild as Text;
    const at = (i: number) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect().left;
    };
    return at(0) < at(3);
  });
}
