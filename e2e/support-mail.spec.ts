import { expect, test } from './fixtures.js';
import { demoAccount, uniqueUsername } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { logIn } from './helpers/journeys.js';
import { mona } from './helpers/mona-cli.js';
import { mainServer } from './helpers/servers.js';

// Without a relay, `mona start` catches the mail it sends; support staff read it to help users enrol.
test.describe('caught mail', () => {
  test('support staff find a welcome mail, newest first, and read it', async ({ page }) => {
    const username = uniqueUsername('mailed');
    // No relay in the CLI's environment: the mail goes to the running server's catcher.
    await mona(
      [
        'admin',
        'user',
        'create',
        '--username',
        username,
        '--name',
        'Maja Mailed',
        '--email',
        `${username}@e2e.mona.example`,
      ],
      mainServer.dataDir,
    );
    const support = demoAccount(mainServer.dataDir, 'demo.support');
    await logIn(page, support, new Authenticator(support.secret));

    await page.getByRole('navigation').getByRole('link', { name: 'Caught mail' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Caught mail');
    const newest = page.getByRole('main').getByRole('listitem').first();
    await expect(newest).toContainText(`${username}@e2e.mona.example`);
    await expect(newest).toContainText('Your new account');

    await newest.getByText('Your new account').click();
    await expect(newest).toContainText(`Your username is: ${username}`);
  });

  test('is neither shown nor reachable for others', async ({ page }) => {
    const reviewer = demoAccount(mainServer.dataDir, 'demo.reviewer');
    await logIn(page, reviewer, new Authenticator(reviewer.secret));
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Caught mail' })).toHaveCount(0);

    await page.goto('/support/mail');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });
});
