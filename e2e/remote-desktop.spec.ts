import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { demoAccount } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { logIn } from './helpers/journeys.js';
import { mona } from './helpers/mona-cli.js';
import { mainServer } from './helpers/servers.js';

const hint = 'To see Remote Desktop, accept the terms of use in MONA web, log out and log in again.';
const acceptedHint =
  'You have accepted the terms of use. Remote Desktop appears when you log out and log in again.';

/** Publishes a new version of the terms of use, in force at once for every user of the server. */
async function publishTerms(version: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mona-e2e-terms-'));
  try {
    await writeFile(
      join(dir, 'en.md'),
      `# Terms of use ${version}\n\nYou keep the data **on the platform**.\n`,
    );
    await writeFile(
      join(dir, 'sv.md'),
      `# Användarvillkor ${version}\n\nDu låter uppgifterna **stanna på plattformen**.\n`,
    );
    await mona(
      [
        'admin',
        'terms',
        'publish',
        '--version',
        version,
        '--en',
        join(dir, 'en.md'),
        '--sv',
        join(dir, 'sv.md'),
      ],
      mainServer.dataDir,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// R10, R14: the Remote Desktop entry needs the terms in force accepted before the login began.
test('after new terms, Remote Desktop returns only with a new login after accepting them', async ({
  page,
}) => {
  // The second login may wait for a fresh authenticator time step.
  test.setTimeout(90_000);
  const researcher = demoAccount(mainServer.dataDir, 'demo.researcher');
  const app = new Authenticator(researcher.secret);
  const main = page.getByRole('main');
  const desktopEntry = main.getByRole('link', { name: 'Remote Desktop (RDP file)' });

  await logIn(page, researcher, app);
  await expect(desktopEntry).toBeVisible();

  const version = `e2e-${Date.now()}`;
  await publishTerms(version);
  await page.reload();
  await expect(main.getByText(hint)).toBeVisible();
  await expect(desktopEntry).toHaveCount(0);

  await test.step('accepting in MONA web does not bring it back in this session', async () => {
    await main.getByRole('link', { name: 'MONA web' }).click();
    await expect(page.getByRole('tab', { name: 'Terms of use', selected: true })).toBeVisible();
    await expect(main.getByRole('heading', { name: `Terms of use ${version}` })).toBeVisible();
    await expect(main.getByText('You have not accepted this version yet.')).toBeVisible();
    await main.getByRole('button', { name: 'Accept' }).click();
    await expect(
      main.getByText('Remote Desktop appears in the portal after you log out and log in again.'),
    ).toBeVisible();
    await expect(main.getByText(/^You accepted this version on /)).toBeVisible();
    await expect(main.getByRole('button', { name: 'Accept' })).toHaveCount(0);

    await page.getByRole('navigation').getByRole('link', { name: 'Portal' }).click();
    await expect(main.getByText(acceptedHint)).toBeVisible();
    await expect(main.getByText(hint)).toHaveCount(0);
    await expect(desktopEntry).toHaveCount(0);
  });

  await test.step('after logging out and in, it is there', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/logged-out');
    await logIn(page, researcher, app);
    await expect(main.getByText(hint)).toHaveCount(0);
    await expect(main.getByText(acceptedHint)).toHaveCount(0);
    await desktopEntry.click();
    await expect(main.getByRole('link', { name: 'Open in browser' })).toBeVisible();
  });
});
