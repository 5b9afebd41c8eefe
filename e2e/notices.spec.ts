import { expect, open, test } from './fixtures.js';
import { mona } from './helpers/mona-cli.js';
import { mainServer } from './helpers/servers.js';

test('a notice added by the operator is shown on the start page, in the chosen language, until removed', async ({
  page,
}) => {
  const added = await mona(
    [
      'admin',
      'notice',
      'add',
      '--en',
      'Planned maintenance on Friday',
      '--sv',
      'Planerat underhåll på fredag',
    ],
    mainServer.dataDir,
  );
  const id = /added notice (\S+)/.exec(added)?.[1] as string;
  try {
    await open(page, '/');
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices).toContainText('Planned maintenance on Friday');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect(page.getByRole('region', { name: 'Meddelanden' })).toContainText(
      'Planerat underhåll på fredag',
    );
  } finally {
    await mona(['admin', 'notice', 'remove', id], mainServer.dataDir);
  }
  await page.reload();
  await expect(page.getByText('Planerat underhåll på fredag')).toHaveCount(0);
});
