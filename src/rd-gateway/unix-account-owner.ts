import type { Db } from '../db/connect.js';
import { findUserByUsername, usersWithUnixUid } from '../identity/user-repository.js';
import { unixUserName } from '../storage/unix-accounts.js';

/**
 * The mona user whose Unix account this is. "m-" names map back directly (unixUserName turns only dots into
 * underscores, and such usernames have no underscores); the rare hashed "mh-" names are matched by scan.
 */
export async function userOfUnixAccount(db: Db, unixUser: string) {
  const candidates = unixUser.startsWith('m-')
    ? [await findUserByUsername(db, unixUser.slice(2).replaceAll('_', '.'))]
    : await usersWithUnixUid(db);
  const user = candidates.find((candidate) => candidate && unixUserName(candidate.username) === unixUser);
  return user ? { id: user.id, username: user.username } : null;
}
