import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';

const PROJECT_ID = /^P[0-9]{4,6}$/;

/** The vault's root: `vault.root`, or `<data-dir>/vault`. */
export function vaultRoot(config: Config, dataDir: string): string {
  return resolve(config.vault.root ?? join(dataDir, 'vault'));
}

/** `<vault>/projects/<ID>/<ID>_Data`: the released files of a project (R21). */
export function projectDataDir(root: string, projectId: string): string {
  if (!PROJECT_ID.test(projectId)) throw new Error(`not a project id: ${projectId}`);
  return join(root, 'projects', projectId, `${projectId}_Data`);
}
