import { expect, test } from './fixtures.js';
import { demoAccount } from './helpers/accounts.js';
import { enterCode, enterCredentials } from './helpers/journeys.js';
import { mainServer } from './helpers/servers.js';

const uniform = 'The username, password or code is wrong.';

// A failed login never tells whether the username exists (no requirement names this; it keeps
// usernames from being guessed).
test('a failed login reads the same for an unknown username and for a wrong password', async ({ page }) => {
  const alert = page.getByRole('alert');

  await enterCredentials(page, 'nobody.here', 'Some-Password-123');
  await enterCode(page, '123456');
  await expect(alert).toHaveText(uniform);

  const reviewer = demoAccount(mainServer.dataDir, 'demo.reviewer');
  await enterCredentials(page, reviewer.username, `${reviewer.password}-wrong`);
  await enterCode(page, '123456');
  await expect(alert).toHaveText(uniform);

  // Back at username and password, to try again.
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
});
