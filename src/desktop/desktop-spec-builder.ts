import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { DesktopProject, DesktopSpec } from '../agent-api/desktop-spec.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import { listNotices } from '../notices/notice-service.js';
import { entitledSoftware } from '../software/software-service.js';
import { provisionAccount, type VaultSettings } from '../storage/provision.js';
import { unixGroupName, unixUserName } from '../storage/unix-accounts.js';
import { homeDirs, projectDirs } from '../storage/vault-paths.js';
import { type DesktopOccupant, readDesktopOccupant } from './desktop-occupant.js';

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** VNC authentication reads 8 characters; the gateway is the real authentication. */
export function newVncPassword(): string {
  return Array.from({ length: 8 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}

/** The user's projects as the desktop shows them: a `<ID>_Name` shortcut each (R21). */
export function desktopProjects(vaultRoot: string, occupant: DesktopOccupant): DesktopProject[] {
  return occupant.projects.map((project) => ({
    id: project.id,
    name: project.name,
    folder: projectDirs(vaultRoot, project.id).project,
  }));
}

export interface SpecInput {
  sessionId: string;
  username: string;
  vncPassword: string;
  language: 'sv' | 'en';
  keyboard: 'se' | 'us';
}

/**
 * Everything a session host needs for one desktop. Provisioning first makes sure the user's account ids,
 * home and project folders exist in the vault, which session hosts share.
 */
export async function buildDesktopSpec(
  db: Db,
  vault: VaultSettings,
  settings: Config['desktop'],
  input: SpecInput,
  now: Date,
): Promise<DesktopSpec> {
  const occupant = await readDesktopOccupant(db, input.username);
  if (!occupant) throw new Error(`no user ${input.username}`);
  const account = await provisionAccount(db, vault, occupant);
  // Not as root, provisioning gives no ids: those of an earlier run as root still serve.
  const uid = account.uid ?? occupant.unixUid;
  if (uid === null) throw new Error('session hosts need mona to run as root: the user has no Unix account');
  const groups = occupant.projects.flatMap((project) => {
    const gid = account.projectGids.get(project.id) ?? project.unixGid;
    return gid === null ? [] : [{ name: unixGroupName(project.id), gid }];
  });
  const notices = await listNotices(db, now, 'current');
  return {
    sessionId: input.sessionId,
    username: input.username,
    unixUser: unixUserName(input.username),
    uid,
    gid: uid,
    groups,
    myDocuments: homeDirs(vault.root, input.username).myDocuments,
    projectsRoot: join(vault.root, 'projects'),
    projects: desktopProjects(vault.root, occupant),
    software: await entitledSoftware(db, occupant.id),
    notices: notices.map((notice) => ({
      text: input.language === 'sv' ? notice.sv : notice.en,
      closedFrom: notice.closure?.from ?? null,
      closedUntil: notice.closure?.until ?? null,
    })),
    language: input.language,
    keyboard: input.keyboard,
    vncPassword: input.vncPassword,
    pasteIn: settings.pasteIn.enabled,
    geometry: settings.geometry,
  };
}
