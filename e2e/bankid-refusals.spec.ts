import { expect, open, test } from './fixtures.js';
import { demoAccount, uniqueUsername } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import {
  approveAtBroker,
  logInWithBankId,
  sessionStatus,
  startBankIdLogin,
  testPersons,
} from './helpers/bankid.js';
import { logIn } from './helpers/journeys.js';
import { mainServer } from './helpers/servers.js';

const forgedCallback = '/api/login/bankid/callback?code=forged&state=forged';

// R8: every way a BankID login can go wrong ends on a page that says so, never in the portal.
test.describe('BankID refusals', () => {
  test('a forged callback ends on a page that says the login stopped, not in the portal', async ({
    page,
  }) => {
    const main = page.getByRole('main');

    await test.step('with no login in progress', async () => {
      await open(page, forgedCallback);
      await expect(page).toHaveURL('/login/bankid?outcome=expired');
      await expect(main.getByRole('heading', { level: 2 })).toHaveText('The login was stopped');
      await expect(main).toContainText('The login took too long or was interrupted. Start again.');
      expect(await sessionStatus(page)).toBe(401);
    });

    await test.step('in the middle of a real one', async () => {
      await startBankIdLogin(page, uniqueUsername('forged'));
      await open(page, forgedCallback);
      await expect(page).toHaveURL('/login/bankid?outcome=failed');
      await expect(main).toContainText('The BankID login failed.');
      expect(await sessionStatus(page)).toBe(401);
      await page.goto('/portal');
      await expect(page).toHaveURL('/login');
    });

    await test.step('"Start again" goes back to the login', async () => {
      await page.goBack();
      await expect(page).toHaveURL('/login/bankid?outcome=failed');
      await main.getByRole('link', { name: 'Start again' }).click();
      await expect(page).toHaveURL('/login');
      await expect(main.getByRole('button', { name: 'Accept' })).toBeVisible();
    });
  });

  test('cancelling at the broker ends on the "cancelled" page', async ({ page }) => {
    await startBankIdLogin(page, uniqueUsername('cancel'));
    // Mobile BankID: the page with the QR code, renewed every second.
    await page.getByRole('link', { name: 'Mobile BankID' }).click();
    await expect(page.getByRole('img', { name: /QR code for Mobile BankID/ })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await expect(page).toHaveURL('/login/bankid?outcome=cancelled');
    await expect(page.getByRole('main')).toContainText('You cancelled the identification.');
    expect(await sessionStatus(page)).toBe(401);
  });

  test('a login from a country that is not approved, by the time of the callback, is refused', async ({
    page,
  }) => {
    await startBankIdLogin(page, uniqueUsername('abroad'));
    // The address is checked again on the way back: now it appears to be in the USA.
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': '8.8.8.8' });
    await approveAtBroker(page, testPersons.fia);

    await expect(page).toHaveURL('/login/bankid?outcome=country');
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 2 })).toHaveText('You cannot log in from where you are');
    await expect(main).toContainText('You cannot log in from the country your address appears to be in.');
    await expect(main.getByRole('link', { name: /@/ })).toBeVisible();
  });

  test('support can refuse a request for a username without an account, which leaves the pending list', async ({
    page,
  }) => {
    const username = uniqueUsername('nobody');
    await logInWithBankId(page, username, testPersons.greta);
    await expect(page).toHaveURL('/login/bankid?outcome=requested');

    // An operator: staff pages are for support and operators alike.
    const operator = demoAccount(mainServer.dataDir, 'demo.operator');
    await logIn(page, operator, new Authenticator(operator.secret));
    await page.getByRole('navigation').getByRole('link', { name: 'BankID requests' }).click();
    const main = page.getByRole('main');
    const request = main.getByRole('listitem').filter({ hasText: username });
    await expect(request).toContainText('No account with this username');

    await test.step('approving is refused, with the reason', async () => {
      await request.getByRole('button', { name: 'Approve and link' }).click();
      const dialog = page.getByRole('dialog', { name: 'Approve and link?' });
      await expect(dialog).toContainText('No account with this username');
      await dialog.getByRole('button', { name: 'Approve and link' }).click();
      await expect(main.getByRole('alert')).toContainText(
        'This request cannot be approved: the account does not exist',
      );
      await expect(request).toBeVisible();
    });

    await test.step('"Cancel" in the confirmation changes nothing and returns to the button', async () => {
      const reject = request.getByRole('button', { name: 'Reject' });
      await reject.click();
      const dialog = page.getByRole('dialog', { name: 'Reject the request?' });
      await expect(dialog.getByRole('button', { name: 'Reject' })).toBeFocused();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await expect(reject).toBeFocused();
      await expect(request).toBeVisible();
    });

    await test.step('rejecting removes it from the pending requests', async () => {
      await request.getByRole('button', { name: 'Reject' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reject the request?' });
      await expect(dialog).toContainText(
        `The request of ${testPersons.greta.name} to log in as ${username} is rejected.`,
      );
      await dialog.getByRole('button', { name: 'Reject' }).click();
      await expect(main.getByRole('status')).toContainText(`The request for ${username} has been rejected.`);
      await expect(request).toHaveCount(0);
      const pending = await page.request.get('/api/support/bankid-requests?state=pending');
      expect(await pending.text()).not.toContain(username);
    });

    await test.step('all requests show it as rejected, with nothing left to decide', async () => {
      await page.getByRole('radio', { name: 'All requests' }).check();
      await expect(request).toContainText('Rejected');
      await expect(request.getByRole('button')).toHaveCount(0);
    });
  });

  test('a researcher can neither see nor open the BankID requests', async ({ page }) => {
    const researcher = demoAccount(mainServer.dataDir, 'demo.researcher');
    await logIn(page, researcher, new Authenticator(researcher.secret));
    await expect(page.getByRole('navigation').getByRole('link', { name: 'BankID requests' })).toHaveCount(0);

    await page.goto('/support/bankid-requests');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    const answer = await page.request.get('/api/support/bankid-requests');
    expect(answer.status()).toBe(404);
    expect((await answer.json()).error.code).toBe('NOT_FOUND');
  });
});
