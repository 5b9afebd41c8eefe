import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { demoAccount } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { logIn } from './helpers/journeys.js';
import { mona } from './helpers/mona-cli.js';
import { mainServer } from './helpers/servers.js';
import { inboxDir, inboxNames, uniqueFileName, upload, uploadItem } from './helpers/uploads.js';

// R23: uploads for a project with upload review wait for a reviewer, who approves or rejects them.
const researcherName = 'demo.researcher';

/** A new project whose uploads need a reviewer, with the demo researcher as a member; returns its id. */
async function reviewedProject(): Promise<string> {
  // An id of its own, so that a retry does not meet the project of the first attempt.
  const id = `P9${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
  const dataDir = mainServer.dataDir;
  await mona(
    ['admin', 'project', 'create', '--id', id, '--name', 'Reviewed study', '--org', 'Demo University'].concat(
      '--upload-review',
    ),
    dataDir,
  );
  await mona(['admin', 'project', 'add-member', id, researcherName], dataDir);
  return id;
}

test('a reviewer approves one upload into InBox and rejects another with a reason the researcher sees', async ({
  page,
  secondPage,
}) => {
  const project = await reviewedProject();
  const researcher = demoAccount(mainServer.dataDir, researcherName);
  const reviewer = demoAccount(mainServer.dataDir, 'demo.reviewer');
  const approvedName = uniqueFileName('syntax', 'sas');
  const approvedContent = Buffer.from('proc means data=work.persons; run;\n');
  const rejectedName = uniqueFileName('lookup', 'csv');
  const note = 'The file holds identifiable data; upload an aggregated table instead.';

  await test.step('the researcher uploads two files for the project; both wait in review', async () => {
    await logIn(page, researcher, new Authenticator(researcher.secret));
    await page.goto('/web?tab=files');
    await upload(page, { name: approvedName, buffer: approvedContent }, project);
    await upload(page, { name: rejectedName, buffer: Buffer.from('id;name\n1;Anna\n') }, project);
    await expect(uploadItem(page, approvedName)).toContainText('In review');
    await expect(uploadItem(page, rejectedName)).toContainText('In review');
    await expect(uploadItem(page, approvedName)).toContainText(`${project} Reviewed study`);
    expect(inboxNames(mainServer.dataDir, researcherName)).not.toContain(approvedName);
  });

  const reviewerPage = secondPage;
  const card = (name: string) =>
    reviewerPage
      .getByRole('main')
      .getByRole('listitem')
      .filter({ has: reviewerPage.getByRole('heading', { name, exact: true }) });

  await test.step('the reviewer finds them under Upload review and downloads one to inspect', async () => {
    await logIn(reviewerPage, reviewer, new Authenticator(reviewer.secret));
    await reviewerPage.getByRole('navigation').getByRole('link', { name: 'Upload review' }).click();
    await expect(reviewerPage.getByRole('heading', { level: 1 })).toHaveText('Upload review');
    await expect(card(approvedName)).toContainText(researcherName);
    await expect(card(approvedName)).toContainText(project);

    const downloading = reviewerPage.waitForEvent('download');
    await card(approvedName).getByRole('link', { name: 'Download to inspect' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(approvedName);
    expect(readFileSync(await download.path())).toEqual(approvedContent);
  });

  await test.step('approving delivers the file into InBox', async () => {
    await card(approvedName).getByRole('button', { name: 'Approve' }).click();
    const dialog = reviewerPage.getByRole('dialog', { name: 'Approve the file?' });
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(reviewerPage.getByRole('main')).toContainText(`${approvedName} was approved`);
    await expect(card(approvedName)).toHaveCount(0);

    await expect(uploadItem(page, approvedName)).toContainText(`Delivered to InBox as ${approvedName}`);
    expect(readFileSync(join(inboxDir(mainServer.dataDir, researcherName), approvedName))).toEqual(
      approvedContent,
    );
  });

  await test.step('rejecting needs a reason, which the researcher then sees', async () => {
    await card(rejectedName).getByRole('button', { name: 'Reject' }).click();
    const noteField = card(rejectedName).getByLabel('Reason for rejecting (shown to the researcher)');
    await expect(noteField).toBeFocused();
    await card(rejectedName).getByRole('button', { name: 'Reject the file' }).click();
    await expect(card(rejectedName)).toContainText('Give a reason: the researcher sees it.');
    await expect(noteField).toHaveAttribute('aria-invalid', 'true');

    await noteField.fill(note);
    await card(rejectedName).getByRole('button', { name: 'Reject the file' }).click();
    await expect(reviewerPage.getByRole('main')).toContainText(
      `${rejectedName} of ${researcherName} was rejected.`,
    );
    await expect(card(rejectedName)).toHaveCount(0);

    const item = uploadItem(page, rejectedName);
    await expect(item).toContainText('Rejected: the reviewer did not approve the file.');
    await expect(item).toContainText(`Note from the reviewer: ${note}`);
    expect(inboxNames(mainServer.dataDir, researcherName)).not.toContain(rejectedName);
  });
});

test('only reviewers see Upload review', async ({ page }) => {
  const support = demoAccount(mainServer.dataDir, 'demo.support');
  await logIn(page, support, new Authenticator(support.secret));
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Upload review' })).toHaveCount(0);
  await page.goto('/review/uploads');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
