import { type Insertable, type NotNull, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { IdentityTables, LoginMethod, StaffRole } from './identity-tables.js';

// The SQL over `users` and `user_roles`. Each function takes the Db or the caller's transaction.

export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'email', 'state', 'unix_uid'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'email', 'state', 'login_method'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Usernames by user id, for lists that show who did what. */
export async function usernamesByIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.username]));
}

export async function insertUser(db: Db, user: Insertable<IdentityTables['users']>): Promise<string> {
  const { id } = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** R5: the one login method an account has; returns where to tell the user. */
export async function setLoginMethod(db: Db, userId: string, method: LoginMethod, now: Date) {
  return db
    .updateTable('users')
    .set({ login_method: method, updated_at: now })
    .where('id', '=', userId)
    .returning(['email', 'full_name'])
    .executeTakeFirstOrThrow();
}

/** An invited account becomes active once linked; any other state is left as it is. */
export async function activateIfInvited(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ state: 'active' })
    .where('id', '=', userId)
    .where('state', '=', 'invited')
    .execute();
}

export async function grantRole(db: Db, userId: string, role: StaffRole): Promise<void> {
  await db.insertInto('user_roles').values({ user_id: userId, role }).execute();
}

/** The users that have a Unix uid, for mapping a hashed Unix account name back to its user. */
export async function usersWithUnixUid(db: Db) {
  return db.selectFrom('users').select(['id', 'username']).where('unix_uid', 'is not', null).execute();
}

/** The users with a Unix uid whose account is not closed: those whose homes are in use. */
export async function openUsersWithUnixUid(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'unix_uid'])
    .where('unix_uid', 'is not', null)
    .where('state', '<>', 'closed')
    .$narrowType<{ unix_uid: NotNull }>()
    .execute();
}

export async function unixUidOf(db: Db, userId: string) {
  return db.selectFrom('users').select(['username', 'unix_uid']).where('id', '=', userId).executeTakeFirst();
}

/** Gives the user this uid unless it has one already; of two concurrent callers the first wins. Answers the uid. */
export async function setUnixUidOnce(db: Db, userId: string, uid: number): Promise<number> {
  await db
    .updateTable('users')
    .set({ unix_uid: uid })
    .where('id', '=', userId)
    .where('unix_uid', 'is', null)
    .execute();
  const row = await db
    .selectFrom('users')
    .select('unix_uid')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.unix_uid as number;
}

export async function nextUnixUidCandidate(db: Db): Promise<number> {
  const { rows } = await sql<{ id: number }>`SELECT nextval('unix_uid_seq')::int AS id`.execute(db);
  return rows[0]?.id as number;
}
