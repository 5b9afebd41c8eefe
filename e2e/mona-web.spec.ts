import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { demoAccount } from './helpers/accounts.js';
import { mainServer } from './helpers/servers.js';
import { loginStateFile, saveLogin } from './helpers/sessions.js';
import { eicar, inboxDir, inboxNames, png, uniqueFileName, upload, uploadItem } from './helpers/uploads.js';

// R21, R23, R24: MONA web's My files and Downloads, as the demo researcher (member of P0001).
const username = 'demo.researcher';
const inbox = () => inboxDir(mainServer.dataDir, username);
const stateFile = loginStateFile('mona-web');

// One login for the whole file: each further login of the same account would wait for a fresh code.
test.beforeAll(async ({ browser }) => {
  await saveLogin(browser, mainServer.baseURL, demoAccount(mainServer.dataDir, username), stateFile);
});
test.use({ storageState: stateFile });

test.beforeEach(async ({ page }) => {
  await page.goto('/web');
  await page.getByRole('tab', { name: 'My files' }).click();
  await expect(page.getByRole('heading', { name: 'Upload a file' })).toBeVisible();
});

test('says what may be uploaded and what happens to it', async ({ page }) => {
  const main = page.getByRole('main');
  await expect(main).toContainText('.csv, .tsv, .txt');
  await expect(main).toContainText('Each file may be at most 1 GB.');
  await expect(main).toContainText('Then it is placed in My Documents\\InBox in your remote desktop');
  await expect(main.getByRole('meter', { name: 'My Documents' })).toBeVisible();
  await expect(main).toContainText(/ of 250 MB used/);
});

test('a CSV file is checked and delivered into InBox, and the same name again gets a number', async ({
  page,
}) => {
  const name = uniqueFileName('results', 'csv');
  const content = Buffer.from('kommun;antal\n0180;1234\n1480;987\n');

  await upload(page, { name, buffer: content, mimeType: 'text/csv' });
  await expect(uploadItem(page, name)).toContainText(`Delivered to InBox as ${name}`);
  expect(readFileSync(join(inbox(), name))).toEqual(content);

  const second = Buffer.from('kommun;antal\n0180;1235\n');
  await upload(page, { name, buffer: second, mimeType: 'text/csv' });
  const numbered = name.replace(/\.csv$/, ' (2).csv');
  await expect(uploadItem(page, name)).toContainText(`Delivered to InBox as ${numbered}`);
  expect(readFileSync(join(inbox(), numbered))).toEqual(second);
  // The first is still there as it was.
  expect(readFileSync(join(inbox(), name))).toEqual(content);
  // Newest first.
  await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(numbered);
});

test('the EICAR test file is rejected as infected and never reaches InBox', async ({ page }) => {
  const name = uniqueFileName('notes', 'txt');
  await upload(page, { name, buffer: eicar, mimeType: 'text/plain' });
  const item = uploadItem(page, name);
  await expect(item).toContainText('Rejected: the virus scanner found malicious code in the file.');
  // The banner over the form says so too, as an alert; the scanner's words wait behind a toggle.
  await expect(page.getByRole('main').getByRole('alert')).toContainText(`${name} was not accepted`);
  await item.getByText('Technical details').click();
  await expect(item.getByText(/EICAR/i)).toBeVisible();
  expect(inboxNames(mainServer.dataDir, username)).not.toContain(name);
});

test('a PNG named .csv is rejected as not what its name says', async ({ page }) => {
  const name = uniqueFileName('disguised', 'csv');
  await upload(page, { name, buffer: png, mimeType: 'text/csv' });
  await expect(uploadItem(page, name)).toContainText(
    'Rejected: the file is not what its name says: its content is of another type.',
  );
  expect(inboxNames(mainServer.dataDir, username)).not.toContain(name);
});

test('an .exe is refused at once, before it is sent', async ({ page }) => {
  const main = page.getByRole('main');
  const name = uniqueFileName('tool', 'exe');
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/uploads')) sent.push(request.url());
  });
  const input = main.getByLabel('File to upload');
  await input.setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await expect(main.getByText('Files of type .exe may not be uploaded.')).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await main.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(input).toBeFocused();
  await expect(main.getByText('Files of type .exe may not be uploaded.')).toBeVisible();
  await expect(uploadItem(page, name)).toHaveCount(0);
  expect(sent).toEqual([]);
});

test('the server refuses an .exe too', async ({ page }) => {
  // The page's check only spares the user a wait: the server decides.
  const status = await page.evaluate(async () => {
    const { token } = await (await fetch('/api/csrf-token')).json();
    const response = await fetch('/api/uploads', {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('tool.exe'),
        'x-csrf-token': token,
      },
      body: 'MZ',
    });
    return { status: response.status, code: (await response.json()).error?.code };
  });
  expect(status).toEqual({ status: 415, code: 'UPLOAD_TYPE_NOT_ALLOWED' });
});

test('the storage used grows with a delivery', async ({ page }) => {
  const meter = page.getByRole('main').getByRole('meter', { name: 'My Documents' });
  const before = Number(await meter.getAttribute('value'));
  const name = uniqueFileName('table', 'csv');
  const content = Buffer.from(`${'a;b\n'.repeat(2500)}`);

  await upload(page, { name, buffer: content, mimeType: 'text/csv' });
  await expect(uploadItem(page, name)).toContainText('Delivered to InBox');
  await expect(meter).toHaveAttribute('value', String(before + content.length));
});

test('Downloads says where files come from, and that there are none yet', async ({ page }) => {
  const main = page.getByRole('main');
  await page.getByRole('tab', { name: 'Downloads' }).click();
  await expect(
    main.getByText('Files you export with the program Export files from MONA appear here after review.'),
  ).toBeVisible();
  await expect(main.getByText('No files to download.')).toBeVisible();
});
