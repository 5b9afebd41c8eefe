import { test as base, type ConsoleMessage, expect, type Page, type Response } from '@playwright/test';

/**
 * Chromium logs every 4xx answer as a console error, but many of the API's are its documented way of
 * saying no: 401 from GET /api/session for a visitor who is not logged in, a wrong code, a refused
 * password. Those are not faults of the page; a 5xx, or a 4xx for anything outside mona's own /api/,
 * still is: also one from another origin, such as the BankID broker's pages, which should log nothing.
 */
function isApiRefusal(message: ConsoleMessage, appOrigin: string | undefined): boolean {
  const refused = /^Failed to load resource: the server responded with a status of 4\d\d\b/.test(
    message.text(),
  );
  if (!refused || !URL.canParse(message.location().url)) return false;
  const url = new URL(message.location().url);
  return url.origin === appOrigin && url.pathname.startsWith('/api/');
}

/** Collects what a page logs as errors, throws, or is refused by the Content-Security-Policy. */
export async function watch(page: Page, appOrigin: string | undefined): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isApiRefusal(message, appOrigin)) {
      errors.push(`console: ${message.text()} (${message.location().url || page.url()})`);
    }
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  // Chromium logs CSP violations too; reporting them here does not depend on that.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return errors;
}

/**
 * Every test fails if its pages log a console error, throw, or violate the Content-Security-Policy:
 * such problems are easy to miss by eye and are often what a real user's browser trips over.
 * `secondPage` is a page of a browser of its own (cookies and all), for a second person logged in
 * at the same time, such as a reviewer deciding on a researcher's upload; it is watched the same way.
 */
export const test = base.extend<{ pageErrors: string[]; secondPage: Page }>({
  pageErrors: [
    async ({ page, baseURL }, use) => {
      const errors = await watch(page, baseURL ? new URL(baseURL).origin : undefined);
      await use(errors);
      expect(errors, 'console errors, page errors and CSP violations').toEqual([]);
    },
    { auto: true },
  ],
  secondPage: async ({ browser, baseURL, viewport }, use) => {
    const context = await browser.newContext({ baseURL, viewport });
    const page = await context.newPage();
    const errors = await watch(page, baseURL ? new URL(baseURL).origin : undefined);
    await use(page);
    await context.close();
    expect(errors, 'console errors, page errors and CSP violations of the second page').toEqual([]);
  },
});

export { expect };

/** Navigate and return the main document's response, which page.goto only types as possibly null. */
export async function open(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path);
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}
