import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { root } from './servers.js';

/**
 * The EICAR test file, which every virus scanner reports as infected; built from two halves so that
 * no scanner on a developer's machine flags this source file itself.
 */
export const eicar = Buffer.from(
  ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR', '-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(''),
  'latin1',
);

/** A 1x1 PNG image. */
export const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A file name no other test uses, e.g. `results-lq3x9a2.csv`. */
export function uniqueFileName(stem: string, extension: string): string {
  return `${stem}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}.${extension}`;
}

/**
 * `<data-dir>/vault/home/<username>/My Documents/InBox`, where deliveries land. The files belong to
 * the user's Unix account when the server runs as root; the tests read them as root too.
 */
export function inboxDir(dataDir: string, username: string): string {
  return resolve(root, dataDir, 'vault', 'home', username, 'My Documents', 'InBox');
}

export function inboxNames(dataDir: string, username: string): string[] {
  const dir = inboxDir(dataDir, username);
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Chooses a file in MONA web's My files and clicks Upload (and the project, by id, if given). */
export async function upload(
  page: Page,
  file: { name: string; buffer: Buffer; mimeType?: string },
  project?: string,
): Promise<void> {
  const main = page.getByRole('main');
  await main.getByLabel('File to upload').setInputFiles({
    name: file.name,
    mimeType: file.mimeType ?? 'application/octet-stream',
    buffer: file.buffer,
  });
  if (project) await main.getByLabel('For project (optional)').selectOption(project);
  // Uploads of this name so far: the list shows each, the new one first once the server has it.
  const named = main.getByRole('listitem').getByRole('heading', { name: file.name, exact: true });
  const before = await named.count();
  await main.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(named).toHaveCount(before + 1);
}

/** The newest upload of this name in the list of uploads. */
export function uploadItem(page: Page, name: string): Locator {
  return page
    .getByRole('main')
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name, exact: true }) })
    .first();
}
