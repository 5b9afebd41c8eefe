import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { findUserByUsername, openUsersWithUnixUid } from '../identity/user-repository.js';
import { memberProjectIds } from '../projects/membership-repository.js';
import { ensureQuotaImage, unmountQuotaImages } from './quota-image.js';
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
import { homeDirs, projectDirs, quotaImageFile, quotaImagesDir } from './vault-paths.js';

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
  return (await provisionProjectGroup(db, root, { id: projectId, unixGid: null })).areas;
}

/** provisionProject, given the gid the project has so far (null: none, or not known). */
async function provisionProjectGroup(db: Db, root: string, project: { id: string; unixGid: number | null }) {
  const asRoot = runningAsRoot();
  let gid: number | null = null;
  if (asRoot) {
    gid = project.unixGid ?? (await allocateGid(db, project.id));
    await ensureUnixGroup(unixGroupName(project.id), gid);
  }
  return { areas: await ensureProjectAreas(root, { id: project.id, gid }, { asRoot }), gid };
}

/**
 * A user's home with My Documents and InBox, and as root their Unix account
 * (in the groups of their projects) and the quota filesystem under My
 * Documents. Idempotent: run at every change of membership and before every
 * delivery.
 */
export async function provisionMember(db: Db, vault: VaultSettings, username: string) {
  const user = await findUserByUsername(db, username);
  if (!user) throw new Error(`no user ${username}`);
  if (!runningAsRoot()) return ensureHome(vault.root, { username, uid: null, gid: null }, { asRoot: false });
  const projects = (await memberProjectIds(db, user.id)).map((id) => ({ id, unixGid: null }));
  return (await provisionAccount(db, vault, { id: user.id, username, unixUid: null, projects })).dirs;
}

/** A member as the caller has read them, with the Unix ids the platform has given so far (null: none yet). */
export interface MemberAccount {
  id: string;
  username: string;
  unixUid: number | null;
  projects: { id: string; unixGid: number | null }[];
}

/**
 * provisionMember for a caller that has read the member already (a desktop start reads them once for all
 * it needs). Answers the home's folders and, as root, the account's uid and each project's gid.
 */
export async function provisionAccount(db: Db, vault: VaultSettings, member: MemberAccount) {
  const { username } = member;
  if (!runningAsRoot()) {
    const dirs = await ensureHome(vault.root, { username, uid: null, gid: null }, { asRoot: false });
    return { dirs, uid: null, projectGids: new Map<string, number>() };
  }
  const uid = member.unixUid ?? (await allocateUid(db, member.id));
  const projectGids = new Map<string, number>();
  for (const project of member.projects) {
    const { gid } = await provisionProjectGroup(db, vault.root, project);
    if (gid !== null) projectGids.set(project.id, gid);
  }
  const home = homeDirs(vault.root, username);
  await ensureUnixUser(
    unixUserName(username),
    uid,
    // The account's home is My Documents: the folder above it is not the user's to write.
    home.myDocuments,
    member.projects.map((project) => unixGroupName(project.id)),
  );
  for (const project of member.projects) await clearProjectDenial(vault.root, project.id, uid);
  const quota = vault.quotaImages === false ? {} : { imageBytes: vault.homeQuotaBytes };
  const dirs = await ensureHome(vault.root, { username, uid, gid: uid }, { asRoot: true }, quota);
  return { dirs, uid, projectGids };
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

/**
 * As root with quota images: each open account's existing image mounted again on its My Documents. At the start
 * of `mona serve`: after a reboot the images are unmounted, and a desktop would show the empty folder under
 * one, and keep what it wrote there outside the quota, hidden once the image is mounted over it.
 */
export async function mountHomes(db: Db, vault: VaultSettings): Promise<number> {
  if (!runningAsRoot() || vault.quotaImages === false) return 0;
  let mounted = 0;
  // Only the images, which exist for homes made earlier: the accounts and folders are made on demand, as ever.
  // A closed account's image is left alone.
  for (const user of await openUsersWithUnixUid(db)) {
    const image = quotaImageFile(vault.root, user.username);
    if (!existsSync(image)) continue;
    const { myDocuments } = homeDirs(vault.root, user.username);
    // A mona account's own group has its uid's number (provisionAccount).
    const owner = { uid: user.unix_uid, gid: user.unix_uid };
    await ensureQuotaImage({ image, mountPoint: myDocuments, bytes: vault.homeQuotaBytes, ...owner });
    mounted += 1;
  }
  return mounted;
}

/** The quota images of the vault unmounted (mountHomes undone); those still busy are logged. */
export async function unmountHomes(vault: VaultSettings, logger: Logger): Promise<void> {
  const busy = await unmountQuotaImages(quotaImagesDir(vault.root));
  if (busy.length > 0) logger.warn({ busy }, 'quota images left mounted');
}
