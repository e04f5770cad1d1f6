import { expect, type Page } from '@playwright/test';

/**
 * Records what a page must never do while showing entries: open a dialog (alert/confirm/prompt — the sign of a
 * script injected through an entry), log a console error (CSP violations land there too) or throw.
 */
export function guardPage(page: Page) {
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    expectClean() {
      expect({ dialogs, consoleErrors, pageErrors }).toEqual({ dialogs: [], consoleErrors: [], pageErrors: [] });
    },
  };
}
