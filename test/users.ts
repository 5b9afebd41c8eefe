import type { Db } from '../src/db/connect.js';
import type { StaffRole, UserState } from '../src/identity/identity-tables.js';
import { hashPassword } from '../src/identity/password-hash.js';
import { timeStepAt, totpCode } from '../src/identity/totp.js';
import type { TestBrowser } from './http-client.js';

export const GOOD_PASSWORD = 'Correct-Horse-42-Battery';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  secret: Buffer;
  /** The code the authenticator app shows at `at` (offset in time steps). */
  code(at: Date, offsetSteps?: number): string;
}

/** An account linked to OTP, with the terms accepted `termsAcceptedAt` (if given). */
export async function createOtpUser(
  db: Db,
  input: {
    username: string;
    password?: string;
    roles?: StaffRole[];
    state?: UserState;
    mustChangePassword?: boolean;
    passwordChangedAt?: Date;
    termsAcceptedAt?: Date;
  },
): Promise<TestUser> {
  const password = input.password ?? GOOD_PASSWORD;
  const secret = Buffer.from(`secret-of-${input.username}`.padEnd(20, '.').slice(0, 20));
  const user = await db
    .insertInto('users')
    .values({
      username: input.username,
      full_name: `Test ${input.username}`,
      email: `${input.username}@mona.test`,
      state: input.state ?? 'active',
      login_method: 'otp',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('otp_credentials')
    .values({
      user_id: user.id,
      password_hash: await hashPassword(password),
      password_changed_at: input.passwordChangedAt ?? new Date('2026-06-01T00:00:00Z'),
      must_change_password: input.mustChangePassword ?? false,
      totp_secret: secret,
      totp_enrolled_at: new Date('2026-06-01T00:00:00Z'),
      totp_last_step: null,
    })
    .execute();
  for (const role of input.roles ?? [])
    await db.insertInto('user_roles').values({ user_id: user.id, role }).execute();
  if (input.termsAcceptedAt) {
    const terms = await db
      .selectFrom('terms_versions')
      .select('version')
      .orderBy('published_at', 'desc')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('terms_acceptances')
      .values({ user_id: user.id, version: terms.version, accepted_at: input.termsAcceptedAt, ip: null })
      .execute();
  }
  return {
    id: user.id,
    username: input.username,
    password,
    secret,
    code: (at, offsetSteps = 0) => totpCode(secret, timeStepAt(at) + offsetSteps),
  };
}

/** The guide's login with one-time passwords: Accept, username and password, then the code for `at`. */
export async function logInWithOtp(browser: TestBrowser, user: TestUser, at: Date, offsetSteps = 0) {
  await browser.post('/api/login/start', { acceptApprovedCountry: true });
  await browser.post('/api/login/otp/password', { username: user.username, password: user.password });
  return browser.post('/api/login/otp/code', { code: user.code(at, offsetSteps) });
}
