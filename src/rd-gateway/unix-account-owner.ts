import type { Db } from '../db/connect.js';
import { unixUserName } from '../storage/unix-accounts.js';

/**
 * The mona user whose Unix account this is. "m-" names map back directly (unixUserName turns only dots into
 * underscores, and such usernames have no underscores); the rare hashed "mh-" names are matched by scan.
 *
 * It reads identity's users, so it belongs to the identity module and moves there when its repository exists.
 */
export async function userOfUnixAccount(db: Db, unixUser: string) {
  const candidates = unixUser.startsWith('m-')
    ? await db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', '=', unixUser.slice(2).replaceAll('_', '.'))
        .execute()
    : await db.selectFrom('users').select(['id', 'username']).where('unix_uid', 'is not', null).execute();
  return candidates.find((user) => unixUserName(user.username) === unixUser) ?? null;
}
