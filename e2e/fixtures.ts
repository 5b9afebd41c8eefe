import { test as base, expect, type Page, type Response } from '@playwright/test';

/**
 * Every test fails if its pages log a console error, throw, or violate the Content-Security-Policy:
 * such problems are easy to miss by eye and are often what a real user's browser trips over.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      // Chromium logs CSP violations too; reporting them here does not depend on that.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
        });
      });
      await use(errors);
      expect(errors, 'console errors, page errors and CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Navigate and return the main document's response, which page.goto only types as possibly null. */
export async function open(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path);
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}
