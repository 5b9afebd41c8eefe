import type { Db } from '../db/connect.js';
import {
  ensureUnixGroup,
  ensureUnixUser,
  removeFromGroup,
  runCommand,
  runningAsRoot,
  unixGroupName,
  unixUserName,
} from './unix-accounts.js';
import { allocateGid, allocateUid } from './unix-id-allocation.js';
import { ensureHome, ensureProjectAreas } from './vault-layout.js';
import { homeDirs, projectDirs } from './vault-paths.js';

export interface VaultSettings {
  root: string;
  homeQuotaBytes: number;
  /** Enforce the quota with a filesystem image per user; null: when running as root. */
  quotaImages: boolean | null;
}

/**
 * A project's folders, and as root its Unix group with the platform's gid,
 * so that the operating system itself keeps projects apart.
 */
export async function provisionProject(
  db: Db,
  root: string,
  projectId: string,
): Promise<{ data: string; gem: string }> {
  const asRoot = runningAsRoot();
  let gid: number | null = null;
  if (asRoot) {
    gid = await allocateGid(db, projectId);
    await ensureUnixGroup(unixGroupName(projectId), gid);
  }
  return ensureProjectAreas(root, { id: projectId, gid }, { asRoot });
}

/**
 * A user's home with My Documents and InBox, and as root their Unix account
 * (in the groups of their projects) and the quota filesystem under My
 * Documents. Idempotent: run at every change of membership and before every
 * delivery.
 */
export async function provisionMember(db: Db, vault: VaultSettings, username: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const asRoot = runningAsRoot();
  if (!asRoot) return ensureHome(vault.root, { username, uid: null, gid: null }, { asRoot });

  const uid = await allocateUid(db, user.id);
  const memberships = await db
    .selectFrom('project_members')
    .select('project_id')
    .where('user_id', '=', user.id)
    .execute();
  for (const { project_id } of memberships) await provisionProject(db, vault.root, project_id);
  const dirs = homeDirs(vault.root, username);
  await ensureUnixUser(
    unixUserName(username),
    uid,
    // The account's home is My Documents: the folder above it is not the user's to write.
    dirs.myDocuments,
    memberships.map((m) => unixGroupName(m.project_id)),
  );
  for (const { project_id } of memberships) await clearProjectDenial(vault.root, project_id, uid);
  const quota = vault.quotaImages === false ? {} : { imageBytes: vault.homeQuotaBytes };
  return ensureHome(vault.root, { username, uid, gid: uid }, { asRoot }, quota);
}

/**
 * As root: the user's account leaves the project's group, and an ACL entry that denies the user the project's
 * folder takes effect at once. Processes started earlier keep the group they were started with; the named
 * entry is consulted before any group, so they lose the folder too.
 */
export async function withdrawMember(vaultRoot: string, username: string, projectId: string): Promise<void> {
  if (!runningAsRoot()) return;
  const account = unixUserName(username);
  await removeFromGroup(account, unixGroupName(projectId));
  await runCommand('setfacl', ['-m', `u:${account}:---`, projectDirs(vaultRoot, projectId).project]);
}

/** A member again: the denial of an earlier withdrawal goes (setfacl -x of no entry changes nothing). */
async function clearProjectDenial(vaultRoot: string, projectId: string, uid: number): Promise<void> {
  await runCommand('setfacl', ['-x', `u:${uid}`, projectDirs(vaultRoot, projectId).project]);
}
