import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_ADDRESSES } from '../../test/geoip.js';
import { TestBrowser } from '../../test/http-client.js';
import { mailerTo } from '../../test/mail.js';
import { createOtpUser, logInWithOtp } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { type SmtpCatcher, startSmtpCatcher } from '../notify/smtp-catcher.js';
import { base32Decode } from './base32.js';
import { timeStepAt, totpCode } from './totp.js';
import { createUser, type Invitation } from './user-admin.js';

let testDb: TestDatabase;
let t: TestApp;
let catcher: SmtpCatcher;
let clock: Date;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  catcher = await startSmtpCatcher();
  const mailer = mailerTo(catcher.port);
  clock = new Date('2026-11-28T10:00:00Z');
  t = await buildTestApp(testDb.db, { now: () => clock, mailer });
});
afterAll(async () => {
  await t.app.close();
  await catcher.close();
  await testDb.drop();
});

async function invite(username: string): Promise<Invitation> {
  return createUser(
    testDb.db,
    { username, fullName: `Test ${username}`, email: `${username}@mona.test`, roles: [], projectId: null },
    { actor: SYSTEM_ACTOR, now: clock, linkValidHours: 336 },
  );
}

describe('linking an account to OTP', () => {
  it('goes from the letter password to a linked, active account that can log in', async () => {
    const invitation = await invite('erik');
    const browser = new TestBrowser(t.app, TEST_ADDRESSES.sweden);
    const start = await browser.post('/api/enrolment/start', {
      token: invitation.linkToken,
      username: 'Erik ',
      password: invitation.initialPassword,
    });
    expect(start.json()).toEqual({ next: 'new-password' });

    const letterAgain = await browser.post('/api/enrolment/password', {
      password: invitation.initialPassword,
      repeat: invitation.initialPassword,
    });
    expect(letterAgain.json().error.fields).toContainEqual({ field: 'password', problem: 'same_as_current' });

    const chosen = await browser.post('/api/enrolment/password', {
      password: 'Lagom-Stark-2026',
      repeat: 'Lagom-Stark-2026',
    });
    const { authenticator } = chosen.json();
    expect(authenticator).toMatchObject({ issuer: 'Demo Statistics Office', accountName: 'erik' });
    expect(authenticator.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Demo%20Statistics%20Office:erik\?secret=[A-Z2-7]+&issuer=Demo%20Statistics%20Office&algorithm=SHA1&digits=6&period=30$/,
    );
    expect(authenticator.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = base32Decode(authenticator.secret);

    const wrong = await browser.post('/api/enrolment/authenticator', { code: '000000' });
    expect(wrong.json().error.code).toBe('CODE_WRONG');
    const confirmed = await browser.post('/api/enrolment/authenticator', {
      code: totpCode(secret, timeStepAt(clock)),
    });
    const { terms } = confirmed.json();
    expect(terms.version).toBe('2026-01-01');
    expect(terms.sv).toContain('# Användarvillkor');

    const done = await browser.post('/api/enrolment/terms', { version: terms.version, accept: true });
    expect(done.json()).toEqual({ next: 'done' });
    const user = await testDb.db
      .selectFrom('users')
      .select(['state', 'login_method'])
      .where('username', '=', 'erik')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ state: 'active', login_method: 'otp' });
    const mail = await catcher.waitFor((m) => m.to.includes('erik@mona.test'), 5000);
    expect(mail.text).toContain('erik');

    // The link is spent.
    const reuse = await new TestBrowser(t.app).post('/api/enrolment/start', {
      token: invitation.linkToken,
      username: 'erik',
      password: 'Lagom-Stark-2026',
    });
    expect(reuse.json().error.code).toBe('ENROLMENT_FAILED');

    // And the account logs in, with the next code (the enrolment code is spent too).
    clock = new Date(clock.getTime() + 30_000);
    const login = new TestBrowser(t.app);
    await login.post('/api/login/start', { acceptApprovedCountry: true });
    await login.post('/api/login/otp/password', { username: 'erik', password: 'Lagom-Stark-2026' });
    const portal = await login.post('/api/login/otp/code', { code: totpCode(secret, timeStepAt(clock)) });
    expect(portal.json()).toEqual({ next: 'portal' });
    expect((await login.get('/api/session')).json().portal).toEqual({
      remoteDesktop: true,
      termsAccepted: true,
    });
  });

  it('refuses a wrong token, username or password, or an expired link, with one message', async () => {
    const invitation = await invite('frida');
    const attempts = [
      { token: 'x'.repeat(43), username: 'frida', password: invitation.initialPassword },
      { token: invitation.linkToken, username: 'erik', password: invitation.initialPassword },
      { token: invitation.linkToken, username: 'frida', password: 'not-the-letter' },
    ];
    for (const attempt of attempts) {
      const response = await new TestBrowser(t.app).post('/api/enrolment/start', attempt);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.message).toBe(
        'The link, username or password is wrong, or the link has expired.',
      );
    }
    clock = new Date(clock.getTime() + 337 * 3600_000);
    const expired = await new TestBrowser(t.app).post('/api/enrolment/start', {
      token: invitation.linkToken,
      username: 'frida',
      password: invitation.initialPassword,
    });
    expect(expired.json().error.code).toBe('ENROLMENT_FAILED');
  });

  it('counts failed tries as password guesses, never toward locking the account they name', async () => {
    const olle = await createOtpUser(testDb.db, { username: 'olle' });
    const attacker = new TestBrowser(t.app, '192.0.2.70');
    const bogus = { token: 'x'.repeat(43), username: 'olle', password: 'Some-Guess-42' };
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await attacker.post('/api/enrolment/start', bogus)).json().error.code).toBe('ENROLMENT_FAILED');
    }
    expect((await attacker.post('/api/enrolment/start', bogus)).json().error).toMatchObject({
      code: 'RATE_LIMITED',
      fields: [{ field: 'retryAfterSeconds', problem: '1' }],
    });
    expect((await logInWithOtp(new TestBrowser(t.app), olle, clock)).json()).toEqual({ next: 'portal' });
  });

  it('is refused from a country that is not approved', async () => {
    const invitation = await invite('gustav');
    const response = await new TestBrowser(t.app, TEST_ADDRESSES.usa).post('/api/enrolment/start', {
      token: invitation.linkToken,
      username: 'gustav',
      password: invitation.initialPassword,
    });
    expect(response.json().error.code).toBe('COUNTRY_NOT_APPROVED');
  });

  it('cannot skip a step', async () => {
    const browser = new TestBrowser(t.app);
    const response = await browser.post('/api/enrolment/terms', { version: '2026-01-01', accept: true });
    expect(response.json().error.code).toBe('LOGIN_FLOW_EXPIRED');
  });
});
