import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureQuotaImage } from './quota-image.js';
import { isErrorCode, UnsafePathError } from './safe-path.js';
import { homeDirs, projectDirs, quotaImageFile } from './vault-paths.js';

/**
 * The vault on disk (R21), and as root the owners and modes with which the operating system itself keeps
 * projects and users apart. A project's members share its Unix group; a user's primary group is a personal one
 * with the number of the uid.
 *
 *   <vault>                      root:root       0711  reached through, never listed
 *   ├ projects                   root:root       0711  nobody sees which projects exist
 *   │ └ <ID>                     root:<project>  0750  members only
 *   │   ├ <ID>_Data              root:<project>  2750  members read; only deliveries (root) write. Setgid: what
 *   │   │                                              is delivered is the project's group's without a chown.
 *   │   └ <ID>_Gem               root:<project>  3770  members write. Setgid: what they make stays the project's.
 *   │                                                  Sticky: a member cannot delete or rename another's folder.
 *   ├ home                       root:root       0711
 *   │ └ <user>                   root:<user>     0750  the user reads but cannot write here, outside the quota,
 *   │   └ My Documents           <user>:<user>   0700  nor swap My Documents for a link; the quota image's root
 *   │     └ InBox                <user>:<user>   0700  deliveries to the user
 *   └ quota-images               root:root       0700  the images mounted as My Documents, out of users' reach
 *
 * Members need umask 0007 in their sessions for Gem to be shared (group read and write, others nothing).
 * Not as root: the same folders, 0750 for projects and 0700 for homes, owned by whoever runs mona.
 * Every call repairs owners and modes (as root), and refuses a link in place of any of these folders.
 */
export interface VaultOwners {
  asRoot: boolean;
}

export async function ensureProjectAreas(
  vaultRoot: string,
  project: { id: string; gid: number | null },
  owners: VaultOwners,
): Promise<{ data: string; gem: string }> {
  const root = await ensureVaultRoot(vaultRoot, owners);
  const dirs = projectDirs(root, project.id);
  const gid = owners.asRoot ? required(project.gid, `project ${project.id} has no Unix group id`) : 0;
  const access = (uid: number, group: number, mode: number): Access =>
    owners.asRoot ? { mode, owner: { uid, gid: group } } : { mode: 0o750 };
  await ensureDirectory(join(root, 'projects'), access(0, 0, 0o711));
  await ensureDirectory(dirs.project, access(0, gid, 0o750));
  await ensureDirectory(dirs.data, access(0, gid, 0o2750));
  await ensureDirectory(dirs.gem, access(0, gid, 0o3770));
  return { data: dirs.data, gem: dirs.gem };
}

/**
 * With `quota.imageBytes` (as root only), My Documents is a filesystem image of that room, mounted before
 * InBox is made in it.
 */
export async function ensureHome(
  vaultRoot: string,
  user: { username: string; uid: number | null; gid: number | null },
  owners: VaultOwners,
  quota: { imageBytes?: number } = {},
): Promise<{ home: string; myDocuments: string; inbox: string }> {
  if (quota.imageBytes !== undefined && !owners.asRoot) {
    throw new Error('quota images need mona to run as root');
  }
  const root = await ensureVaultRoot(vaultRoot, owners);
  const dirs = homeDirs(root, user.username);
  const uid = owners.asRoot ? required(user.uid, `user ${user.username} has no Unix user id`) : 0;
  const gid = owners.asRoot ? required(user.gid, `user ${user.username} has no Unix group id`) : 0;
  const access = (owner: number, group: number, mode: number): Access =>
    owners.asRoot ? { mode, owner: { uid: owner, gid: group } } : { mode: 0o700 };
  await ensureDirectory(join(root, 'home'), access(0, 0, 0o711));
  await ensureDirectory(dirs.home, access(0, gid, 0o750));
  await ensureDirectory(dirs.myDocuments, access(uid, gid, 0o700));
  if (quota.imageBytes !== undefined) {
    await ensureDirectory(join(root, 'quota-images'), access(0, 0, 0o700));
    const image = quotaImageFile(root, user.username);
    await ensureQuotaImage({ image, mountPoint: dirs.myDocuments, bytes: quota.imageBytes, uid, gid });
  }
  await ensureDirectory(dirs.inbox, access(uid, gid, 0o700));
  return dirs;
}

interface Access {
  mode: number;
  /** As root; without it the mode is set only on a folder just made, and the owner is left alone. */
  owner?: { uid: number; gid: number };
}

/** The vault's real path; made if missing, and as root open to be passed through. */
async function ensureVaultRoot(vaultRoot: string, owners: VaultOwners): Promise<string> {
  await mkdir(vaultRoot, { recursive: true, mode: 0o700 });
  const root = await realpath(vaultRoot);
  await ensureDirectory(root, owners.asRoot ? { mode: 0o711, owner: { uid: 0, gid: 0 } } : { mode: 0o700 });
  return root;
}

async function ensureDirectory(path: string, access: Access): Promise<void> {
  const made = await mkdir(path, { mode: 0o700 }).then(
    () => true,
    (error: unknown) => {
      if (!isErrorCode(error, 'EEXIST')) throw error;
      return false;
    },
  );
  // Set through a handle opened without following links, so that a link planted here is refused, not obeyed.
  const handle = await open(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW).catch(
    async (error: unknown) => {
      // Linux says ENOTDIR for a link opened so, as for a file.
      if (!isErrorCode(error, 'ENOTDIR') && !isErrorCode(error, 'ELOOP')) throw error;
      if ((await lstat(path)).isSymbolicLink()) {
        throw new UnsafePathError('symlink', `${path} is a link, not a folder`);
      }
      throw new Error(`${path} is a file, not a folder`);
    },
  );
  try {
    if (access.owner) {
      // chown clears setgid, so the mode comes second.
      await handle.chown(access.owner.uid, access.owner.gid);
      await handle.chmod(access.mode);
    } else if (made) {
      await handle.chmod(access.mode);
    }
  } finally {
    await handle.close();
  }
}

function required(id: number | null, message: string): number {
  if (id === null) throw new Error(message);
  return id;
}
