import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { PROJECT_ID } from '../ids.js';
import { checkFileName } from './safe-path.js';

/** The vault's root: `vault.root`, or `<data-dir>/vault`. */
export function vaultRoot(config: Config, dataDir: string): string {
  return resolve(config.vault.root ?? join(dataDir, 'vault'));
}

/** `<vault>/projects/<ID>` with its released files in `<ID>_Data` and the members' shared `<ID>_Gem` (R21). */
export function projectDirs(root: string, projectId: string): { project: string; data: string; gem: string } {
  if (!PROJECT_ID.test(projectId)) throw new Error(`not a project id: ${projectId}`);
  const project = join(root, 'projects', projectId);
  return { project, data: join(project, `${projectId}_Data`), gem: join(project, `${projectId}_Gem`) };
}

/** `<vault>/projects/<ID>/<ID>_Data`: the released files of a project (R21). */
export function projectDataDir(root: string, projectId: string): string {
  return projectDirs(root, projectId).data;
}

/** `<vault>/home/<username>`, its `My Documents` (under quota) and the `InBox` in it that deliveries go to (R21). */
export function homeDirs(
  root: string,
  username: string,
): { home: string; myDocuments: string; inbox: string } {
  const home = join(root, 'home', checkFileName(username));
  const myDocuments = join(home, 'My Documents');
  return { home, myDocuments, inbox: join(myDocuments, 'InBox') };
}

/** `<vault>/quota-images`: root's alone. */
export function quotaImagesDir(root: string): string {
  return join(root, 'quota-images');
}

/** `<vault>/quota-images/<username>.img`: the filesystem mounted as My Documents, out of its user's reach. */
export function quotaImageFile(root: string, username: string): string {
  return join(quotaImagesDir(root), `${checkFileName(username)}.img`);
}
