import { randomInt } from 'node:crypto';
import type { DesktopProject, DesktopSpec } from '../agent-api/desktop-spec.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import { listNotices } from '../notices/notice-service.js';
import { entitledSoftware } from '../software/software-service.js';
import { provisionMember, type VaultSettings } from '../storage/provision.js';
import { unixGroupName, unixUserName } from '../storage/unix-accounts.js';
import { homeDirs, projectDirs } from '../storage/vault-paths.js';

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** VNC authentication reads 8 characters; the gateway is the real authentication. */
export function newVncPassword(): string {
  return Array.from({ length: 8 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}

/** The user's projects as the desktop shows them: a `<ID>_Name` shortcut each (R21). */
export async function desktopProjects(db: Db, vaultRoot: string, userId: string): Promise<DesktopProject[]> {
  const rows = await db
    .selectFrom('project_members as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['p.id', 'p.name'])
    .where('m.user_id', '=', userId)
    .orderBy('p.id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, folder: projectDirs(vaultRoot, row.id).project }));
}

export interface SpecInput {
  sessionId: string;
  userId: string;
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
  await provisionMember(db, vault, input.username);
  const user = await db
    .selectFrom('users')
    .select(['unix_uid'])
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow();
  if (user.unix_uid === null)
    throw new Error('session hosts need mona to run as root: the user has no Unix account');
  const memberships = await db
    .selectFrom('project_members as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['p.id', 'p.unix_gid'])
    .where('m.user_id', '=', input.userId)
    .execute();
  const notices = await listNotices(db, now, 'current');
  return {
    sessionId: input.sessionId,
    unixUser: unixUserName(input.username),
    uid: user.unix_uid,
    gid: user.unix_uid,
    groups: memberships
      .filter((m) => m.unix_gid !== null)
      .map((m) => ({ name: unixGroupName(m.id), gid: m.unix_gid as number })),
    myDocuments: homeDirs(vault.root, input.username).myDocuments,
    projects: await desktopProjects(db, vault.root, input.userId),
    software: await entitledSoftware(db, input.userId),
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
