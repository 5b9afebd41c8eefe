import type { Db } from '../db/connect.js';

// The SQL over `otp_credentials` and `enrolment_links`. Each function takes the Db or the caller's transaction.

export interface OtpCredentials {
  password_hash: string;
  password_changed_at: Date;
  must_change_password: boolean;
  totp_secret: Buffer | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
}

/** The account a username names, with its password hash when it has OTP credentials. */
export async function findPasswordLogin(db: Db, username: string) {
  return db
    .selectFrom('users')
    .leftJoin('otp_credentials', 'otp_credentials.user_id', 'users.id')
    .select(['users.id', 'otp_credentials.password_hash'])
    .where('users.username', '=', username)
    .executeTakeFirst();
}

/** What the code step judges: the account's state and method, and its authenticator. */
export async function findOtpAccount(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .innerJoin('otp_credentials', 'otp_credentials.user_id', 'users.id')
    .select([
      'users.state',
      'users.login_method',
      'otp_credentials.totp_secret',
      'otp_credentials.totp_last_step',
      'otp_credentials.must_change_password',
      'otp_credentials.password_changed_at',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function passwordHashOf(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('otp_credentials')
    .select('password_hash')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.password_hash ?? null;
}

/**
 * Claims a TOTP time step atomically, so that two requests cannot both use
 * one code: true only if the step is newer than the last one used.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('otp_credentials')
    .set({ totp_last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function storePasswordHash(db: Db, userId: string, hash: string, now: Date): Promise<void> {
  await db
    .updateTable('otp_credentials')
    .set({ password_hash: hash, password_changed_at: now, must_change_password: false })
    .where('user_id', '=', userId)
    .execute();
}

export async function storeTotpSecret(
  db: Db,
  userId: string,
  totp: { secret: Buffer; enrolledAt: Date; lastStep: number },
): Promise<void> {
  await db
    .updateTable('otp_credentials')
    .set({ totp_secret: totp.secret, totp_enrolled_at: totp.enrolledAt, totp_last_step: totp.lastStep })
    .where('user_id', '=', userId)
    .execute();
}

/** Sets the account's OTP credentials, replacing any it had. */
export async function replaceOtpCredentials(db: Db, userId: string, credentials: OtpCredentials) {
  await db
    .insertInto('otp_credentials')
    .values({ user_id: userId, ...credentials })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(credentials))
    .execute();
}

export async function deleteOtpCredentials(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('otp_credentials').where('user_id', '=', userId).execute();
}

/** An unused, unexpired enrolment link, with its account and the account's letter password hash. */
export async function findUsableEnrolmentLink(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('enrolment_links')
    .innerJoin('users', 'users.id', 'enrolment_links.user_id')
    .leftJoin('otp_credentials', 'otp_credentials.user_id', 'users.id')
    .select(['users.id', 'users.username', 'users.state', 'otp_credentials.password_hash'])
    .where('enrolment_links.token_hash', '=', tokenHash)
    .where('enrolment_links.used_at', 'is', null)
    .where('enrolment_links.expires_at', '>', now)
    .executeTakeFirst();
}

export async function insertEnrolmentLink(
  db: Db,
  link: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('enrolment_links')
    .values({ token_hash: link.tokenHash, user_id: link.userId, expires_at: link.expiresAt })
    .execute();
}

export async function spendEnrolmentLink(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('enrolment_links').set({ used_at: now }).where('token_hash', '=', tokenHash).execute();
}

/** Earlier links of the account stop working when a new one is issued. */
export async function spendUnusedEnrolmentLinks(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('enrolment_links')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
