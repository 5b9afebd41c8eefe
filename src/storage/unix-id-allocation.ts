import type { Db } from '../db/connect.js';
import { nextUnixUidCandidate, setUnixUidOnce, unixUidOf } from '../identity/user-repository.js';
import { nextUnixGidCandidate, setUnixGidOnce, unixGidOf } from '../projects/project-repository.js';
import { getent, MONA_GECOS, unixGroupName, unixUserName } from './unix-accounts.js';

// The platform's side of Unix accounts: the ids live in the database, so that every session host gives a user
// and a project the same ones. Session hosts' agents receive them in the desktop spec and never come here.

/**
 * The user's uid, allocated once and then the same forever. An account of
 * this user that mona made earlier on this host (a reinstalled data dir) is
 * adopted with its uid; otherwise the next number of unix_uid_seq that no
 * account or group on this host has. Of two concurrent callers, the first to
 * write wins.
 */
export async function allocateUid(db: Db, userId: string): Promise<number> {
  const user = await unixUidOf(db, userId);
  if (!user) throw new Error(`no user ${userId}`);
  if (user.unix_uid !== null) return user.unix_uid;
  const existing = await getent('passwd', unixUserName(user.username));
  const adopted = existing && existing[4] === MONA_GECOS ? Number(existing[2]) : null;
  const candidate = adopted ?? (await freeId(() => nextUnixUidCandidate(db), ['passwd', 'group']));
  return setUnixUidOnce(db, userId, candidate);
}

/** The project's gid, allocated once like allocateUid (a group "mona-<id>" on this host is adopted). */
export async function allocateGid(db: Db, projectId: string): Promise<number> {
  const project = await unixGidOf(db, projectId);
  if (!project) throw new Error(`no project ${projectId}`);
  if (project.unix_gid !== null) return project.unix_gid;
  const existing = await getent('group', unixGroupName(projectId));
  const candidate = existing ? Number(existing[2]) : await freeId(() => nextUnixGidCandidate(db), ['group']);
  return setUnixGidOnce(db, projectId, candidate);
}

/** The next number of the sequence that nothing on this host uses yet. */
async function freeId(next: () => Promise<number>, databases: ('passwd' | 'group')[]): Promise<number> {
  for (;;) {
    const id = await next();
    const taken = await Promise.all(databases.map((database) => getent(database, String(id))));
    if (taken.every((entry) => entry === null)) return id;
  }
}
