import { AxeBuilder } from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { languageNames } from '../web/src/i18n/language.js';
import { expect, open, test } from './fixtures.js';
import { demoAccount, uniqueUsername } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { logInWithBankId, testPersons } from './helpers/bankid.js';
import { inviteUser } from './helpers/invitations.js';
import { linkAccount, logIn } from './helpers/journeys.js';
import { mona } from './helpers/mona-cli.js';
import { mainServer } from './helpers/servers.js';
import { uniqueFileName, upload } from './helpers/uploads.js';

// WCAG 2.1 AA (the Swedish DOS law): axe-core over the main pages in both languages, with data on
// them, and a screenshot of each in the test's output for a reviewer to look at.
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails on any WCAG 2.1 A or AA violation axe finds on the page as it is, and keeps a screenshot. */
async function expectAccessible(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expect(page.getByText(/^(Loading|Laddar)\b/)).toHaveCount(0);
  const screenshot = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach(name, { path: screenshot, contentType: 'image/png' });
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    where: violation.nodes.map((node) => node.target.join(' ')),
  }));
  expect(found, `WCAG 2.1 AA violations on ${name}`).toEqual([]);
}

/** Puts data on the staff pages: an upload waiting for a reviewer, a caught mail and a BankID link request. */
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage({ baseURL: mainServer.baseURL });
  const project = `P8${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
  await mona(
    [
      'admin',
      'project',
      'create',
      '--id',
      project,
      '--name',
      'Reviewed study',
      '--org',
      'Demo University',
    ].concat('--upload-review'),
    mainServer.dataDir,
  );
  // A researcher of their own: a project with upload review changes what the demo researcher's uploads do.
  const invitation = await inviteUser(mainServer.dataDir, uniqueUsername('axe.upload'), 'Ulla Uploader');
  await mona(['admin', 'project', 'add-member', project, invitation.username], mainServer.dataDir);
  const { account, app } = await linkAccount(page, invitation, 'Quiet-Harbour-Lantern-42');
  await logIn(page, account, app);
  await page.goto('/web?tab=files');
  // Their only project reviews uploads: this one waits for a reviewer.
  await upload(page, { name: uniqueFileName('tables', 'csv'), buffer: Buffer.from('a;b\n1;2\n') });
  await page.context().clearCookies();

  // A mail for support's Caught mail: without a relay in its environment the CLI's mail goes to the server.
  const mailed = uniqueUsername('axe.mail');
  await mona(
    [
      'admin',
      'user',
      'create',
      '--username',
      mailed,
      '--name',
      'Axa Mailed',
      '--email',
      `${mailed}@e2e.mona.example`,
    ],
    mainServer.dataDir,
  );

  const invited = uniqueUsername('axe');
  await inviteUser(mainServer.dataDir, invited, 'Axel Axesson');
  await logInWithBankId(page, invited, testPersons.demo);
  await page.close();
});

for (const language of ['en', 'sv'] as const) {
  test.describe(`in ${language === 'en' ? 'English' : 'Swedish'}`, () => {
    /** Logs in (in English, as the login helpers speak it), then picks the language as a user does. */
    async function logInAs(page: Page, username: string): Promise<void> {
      const account = demoAccount(mainServer.dataDir, username);
      await logIn(page, account, new Authenticator(account.secret));
      await page.getByRole('button', { name: languageNames[language], exact: true }).click();
    }

    test('the public pages and the login steps', async ({ page }, testInfo) => {
      await page.addInitScript((chosen) => window.localStorage.setItem('mona.language', chosen), language);
      for (const path of ['/', '/help/rdp', '/accessibility', '/logged-out', '/no-such-page']) {
        await open(page, path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectAccessible(page, testInfo, `${language}${path.replaceAll('/', '-') || '-start'}`);
      }
      await open(page, '/login');
      const steps = page.getByRole('main').getByRole('button');
      await expect(steps.first()).toBeVisible();
      await expectAccessible(page, testInfo, `${language}-login-country`);
      await steps.first().click();
      await expect(page.getByRole('main').getByRole('button', { name: 'BankID', exact: true })).toBeVisible();
      await expectAccessible(page, testInfo, `${language}-login-method`);
    });

    test('the pages of a logged-in operator, with data', async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      await logInAs(page, 'demo.operator');

      for (const path of ['/portal', '/desktop']) {
        await open(page, path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectAccessible(page, testInfo, `${language}${path.replaceAll('/', '-')}`);
      }
      await open(page, '/support/bankid-requests');
      await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
      await expectAccessible(page, testInfo, `${language}-support-bankid-requests`);

      await open(page, '/web');
      const tabs = page.getByRole('tab');
      await expect(tabs.first()).toBeVisible();
      for (const [index, name] of (await tabs.allTextContents()).entries()) {
        await page.getByRole('tab', { name, exact: true }).click();
        await expect(page.getByRole('tabpanel')).toBeVisible();
        await expectAccessible(page, testInfo, `${language}-web-tab-${index}`);
      }

      await open(page, '/support/mail');
      const newest = page.getByRole('main').getByRole('listitem').first();
      await newest.locator('summary').first().click();
      await expectAccessible(page, testInfo, `${language}-support-mail-opened`);
    });

    test('the upload review, with an upload waiting', async ({ page }, testInfo) => {
      await logInAs(page, 'demo.reviewer');
      await open(page, '/review/uploads');
      await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
      await expectAccessible(page, testInfo, `${language}-review-uploads`);
    });
  });
}

test('the rules for the RDP file fit a phone 320 pixels wide, without scrolling sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await open(page, '/help/rdp');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
