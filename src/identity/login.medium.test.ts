import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_ADDRESSES } from '../../test/geoip.js';
import { TestBrowser } from '../../test/http-client.js';
import { mailerTo } from '../../test/mail.js';
import { createOtpUser, GOOD_PASSWORD, type TestUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { verifyAuditChain } from '../audit/audit-verification.js';
import { publishTerms, publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { type SmtpCatcher, startSmtpCatcher } from '../notify/smtp-catcher.js';
import { sweepIdleSessions } from './session-service.js';

let testDb: TestDatabase;
let t: TestApp;
let catcher: SmtpCatcher;
let clock: Date;
const advance = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};
let alice: TestUser;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  clock = new Date('2026-11-28T10:00:00Z');
  catcher = await startSmtpCatcher();
  const mailer = mailerTo(catcher.port);
  t = await buildTestApp(testDb.db, {
    now: () => clock,
    mailer,
    env: { MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: '1000' },
  });
  alice = await createOtpUser(testDb.db, {
    username: 'alice',
    termsAcceptedAt: new Date('2026-11-01T00:00:00Z'),
  });
});
afterAll(async () => {
  await t.app.close();
  await catcher.close();
  await testDb.drop();
});
beforeEach(() => {
  // A fresh minute and time step for every test, so that codes are never replays of another test's.
  advance(3600);
});

/** The journey of the guide: Accept, then username + password, then the code. */
async function login(browser: TestBrowser, username: string, password: string, code: string) {
  const start = await browser.post('/api/login/start', { acceptApprovedCountry: true });
  expect(start.json()).toEqual({ next: 'method' });
  const afterPassword = await browser.post('/api/login/otp/password', { username, password });
  expect(afterPassword.json()).toEqual({ next: 'code' });
  return browser.post('/api/login/otp/code', { code });
}

async function auditActions(): Promise<string[]> {
  const rows = await testDb.db.selectFrom('audit_events').select('action').orderBy('seq').execute();
  return rows.map((row) => row.action);
}

describe('the approved-country gate', () => {
  it('lets Sweden in and keeps the USA and Canada out, auditing each refusal', async () => {
    const sweden = new TestBrowser(t.app, TEST_ADDRESSES.sweden);
    expect((await sweden.get('/api/login/country')).json()).toEqual({ allowed: true, country: 'SE' });
    for (const [address, country] of [
      [TEST_ADDRESSES.usa, 'US'],
      [TEST_ADDRESSES.canada, 'CA'],
    ] as const) {
      const browser = new TestBrowser(t.app, address);
      expect((await browser.get('/api/login/country')).json()).toEqual({
        allowed: false,
        country,
        reason: 'country_not_approved',
      });
      const start = await browser.post('/api/login/start', { acceptApprovedCountry: true });
      expect(start.statusCode).toBe(403);
      expect(start.json().error.code).toBe('COUNTRY_NOT_APPROVED');
    }
    const refusals = await testDb.db
      .selectFrom('audit_events')
      .select(['ip', 'details'])
      .where('action', '=', 'access.country_refused')
      .execute();
    expect(refusals.map((r) => r.ip)).toEqual(
      expect.arrayContaining([TEST_ADDRESSES.usa, TEST_ADDRESSES.canada]),
    );
  });

  it('refuses an address in no known range', async () => {
    const browser = new TestBrowser(t.app, '8.8.8.8');
    expect((await browser.get('/api/login/country')).json()).toMatchObject({
      allowed: false,
      reason: 'country_unknown',
    });
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const untrusted = new TestBrowser(t.app, TEST_ADDRESSES.sweden, {
      'x-forwarded-for': TEST_ADDRESSES.usa,
    });
    expect((await untrusted.get('/api/login/country')).json()).toMatchObject({
      allowed: true,
      country: 'SE',
    });

    const proxied = await buildTestApp(testDb.db, { env: { MONA_HTTP__TRUSTED_PROXIES: '[127.0.0.1]' } });
    const viaProxy = new TestBrowser(proxied.app, '127.0.0.1', { 'x-forwarded-for': TEST_ADDRESSES.usa });
    expect((await viaProxy.get('/api/login/country')).json()).toMatchObject({
      allowed: false,
      country: 'US',
    });
    await proxied.app.close();
  });
});

describe('logging in with password and code', () => {
  it('reaches the portal and shows who is logged in', async () => {
    const browser = new TestBrowser(t.app, TEST_ADDRESSES.sweden);
    const response = await login(browser, 'alice', GOOD_PASSWORD, alice.code(clock));
    expect(response.json()).toEqual({ next: 'portal' });
    expect(response.headers['set-cookie']).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^__Host-mona-session=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/),
      ]),
    );
    const session = (await browser.get('/api/session')).json();
    expect(session).toMatchObject({
      user: { username: 'alice', fullName: 'Test alice', roles: [] },
      session: { idleSeconds: 300, warningSeconds: 90, now: clock.toISOString() },
      portal: { remoteDesktop: true, termsAccepted: true },
    });
    expect(new Date(session.session.expiresAt).getTime() - clock.getTime()).toBe(300_000);
    expect(await auditActions()).toContain('login.succeeded');
  });

  it('accepts the code of the previous and the next time step, not further', async () => {
    expect(
      (await login(new TestBrowser(t.app), 'alice', GOOD_PASSWORD, alice.code(clock, -1))).statusCode,
    ).toBe(200);
    advance(120);
    expect(
      (await login(new TestBrowser(t.app), 'alice', GOOD_PASSWORD, alice.code(clock, 1))).statusCode,
    ).toBe(200);
    advance(120);
    expect(
      (await login(new TestBrowser(t.app), 'alice', GOOD_PASSWORD, alice.code(clock, -2))).statusCode,
    ).toBe(401);
  });

  it('refuses a code used once already (replay)', async () => {
    const code = alice.code(clock);
    expect((await login(new TestBrowser(t.app), 'alice', GOOD_PASSWORD, code)).statusCode).toBe(200);
    const replay = await login(new TestBrowser(t.app), 'alice', GOOD_PASSWORD, code);
    expect(replay.statusCode).toBe(401);
    const failure = await testDb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'login.failed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(failure.details).toEqual({ username: 'alice', reason: 'replayed_code' });
  });

  it('answers a wrong password and an unknown username alike, and only after the code', async () => {
    const wrongPassword = await login(
      new TestBrowser(t.app),
      'alice',
      'Wrong-password-123',
      alice.code(clock),
    );
    const unknownUser = await login(new TestBrowser(t.app), 'nobody', GOOD_PASSWORD, '123456');
    for (const response of [wrongPassword, unknownUser]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toMatchObject({
        code: 'LOGIN_FAILED',
        message: 'The username, password or code is wrong.',
      });
    }
  });

  it('sends the user back to username and password after a failure', async () => {
    const browser = new TestBrowser(t.app);
    await login(browser, 'alice', GOOD_PASSWORD, '000000');
    const again = await browser.post('/api/login/otp/code', { code: alice.code(clock) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LOGIN_FLOW_EXPIRED');
  });

  it('refuses a code step without the steps before it, and malformed input', async () => {
    const browser = new TestBrowser(t.app);
    expect((await browser.post('/api/login/otp/code', { code: '123456' })).json().error.code).toBe(
      'LOGIN_FLOW_EXPIRED',
    );
    await browser.post('/api/login/start', { acceptApprovedCountry: true });
    const tooLong = await browser.post('/api/login/otp/password', {
      username: 'a'.repeat(65),
      password: 'x',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('VALIDATION_FAILED');
    const extra = await browser.post('/api/login/otp/password', {
      username: 'alice',
      password: 'x',
      admin: true,
    });
    expect(extra.statusCode).toBe(400);
    const notAccepted = await browser.post('/api/login/start', { acceptApprovedCountry: false });
    expect(notAccepted.statusCode).toBe(400);
  });

  it('refuses suspended accounts like any wrong login', async () => {
    const suspended = await createOtpUser(testDb.db, { username: 'sven', state: 'suspended' });
    const response = await login(new TestBrowser(t.app), 'sven', GOOD_PASSWORD, suspended.code(clock));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('LOGIN_FAILED');
  });
});

describe('lockout and throttling', () => {
  /** A six-digit code the authenticator does not show around now (steps -1 to +1). */
  const wrongCode = (user: TestUser) =>
    ['000000', '111111', '222222', '333333'].find(
      (code) => ![-1, 0, 1].some((offset) => user.code(clock, offset) === code),
    ) as string;

  /** The password step of a login already at it: its status and, when refused, its code and wait. */
  async function tryPassword(browser: TestBrowser, username: string, password: string) {
    const response = await browser.post('/api/login/otp/password', { username, password });
    const error = response.statusCode === 200 ? undefined : response.json().error;
    return { status: response.statusCode, code: error?.code, wait: error?.fields?.[0]?.problem };
  }

  async function locksAudited(username: string) {
    const rows = await testDb.db
      .selectFrom('audit_events')
      .select(['details', 'target_id'])
      .where('action', '=', 'login.locked')
      .execute();
    return rows.filter((row) => (row.details as { username?: string }).username === username);
  }

  it('lets nobody lock an account without its password, whatever they try', async () => {
    const bob = await createOtpUser(testDb.db, { username: 'bob' });
    const attacker = '192.0.2.66';
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const refused = await login(new TestBrowser(t.app, attacker), 'bob', `Guess-${attempt}-Pw!`, '000000');
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('LOGIN_FAILED');
      // Past the delay the address meets (see below), well within the lock's 15 minutes.
      advance(16);
    }
    const owner = await login(
      new TestBrowser(t.app, TEST_ADDRESSES.sweden),
      'bob',
      GOOD_PASSWORD,
      bob.code(clock),
    );
    expect(owner.json()).toEqual({ next: 'portal' });
    expect(await locksAudited('bob')).toEqual([]);
    expect(catcher.messages().filter((mail) => mail.to.includes('bob@mona.test'))).toEqual([]);
  });

  it('locks after five wrong codes with the right password, audits the lock and mails the owner', async () => {
    const lena = await createOtpUser(testDb.db, { username: 'lena' });
    const lockedAt = clock;
    const statuses: number[] = [];
    let last = null;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      last = await login(new TestBrowser(t.app, '192.0.2.67'), 'lena', GOOD_PASSWORD, wrongCode(lena));
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(last?.json().error).toMatchObject({
      code: 'LOGIN_LOCKED',
      fields: [{ field: 'retryAfterSeconds', problem: '900' }],
    });
    const until = new Date(lockedAt.getTime() + 900_000).toISOString();
    expect(await locksAudited('lena')).toEqual([
      { details: { username: 'lena', until }, target_id: lena.id },
    ]);

    const mail = await catcher.waitFor((m) => m.to.includes('lena@mona.test'));
    expect(mail.subject).toContain('Logging in is locked');
    expect(mail.text).toContain('The password given was right.');
    expect(mail.text).toContain('192.0.2.67');

    // While it lasts, only the right password and code are told so, from anywhere.
    const elsewhere = () => new TestBrowser(t.app, TEST_ADDRESSES.sweden);
    const rightOnes = await login(elsewhere(), 'lena', GOOD_PASSWORD, lena.code(clock));
    expect(rightOnes.json().error).toMatchObject({ code: 'LOGIN_LOCKED' });
    const wrongPassword = await login(elsewhere(), 'lena', 'Not-Lenas-Pw-9', lena.code(clock));
    expect(wrongPassword.json().error.code).toBe('LOGIN_FAILED');

    advance(901);
    expect((await login(elsewhere(), 'lena', GOOD_PASSWORD, lena.code(clock))).json()).toEqual({
      next: 'portal',
    });
    expect(await locksAudited('lena')).toHaveLength(1);
  });

  it('locks all the same when the mail cannot be sent, and logs that it was not', async () => {
    const refusing = await buildTestApp(testDb.db, {
      now: () => clock,
      mailer: {
        send: () => Promise.reject(new Error('the relay refused the mail')),
        close: () => {},
      },
    });
    const otto = await createOtpUser(testDb.db, { username: 'otto' });
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const browser = new TestBrowser(refusing.app, '192.0.2.71');
      statuses.push((await login(browser, 'otto', GOOD_PASSWORD, wrongCode(otto))).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(await locksAudited('otto')).toHaveLength(1);
    expect(refusing.logText()).toContain('the account-locked mail was not sent');
    await refusing.app.close();
  });

  it('makes wrong passwords from one address wait longer and longer, known username or not', async () => {
    const mia = await createOtpUser(testDb.db, { username: 'mia' });
    for (const [username, address] of [
      ['mia', '192.0.2.68'],
      ['nobody.here', '192.0.2.69'],
    ] as const) {
      const browser = new TestBrowser(t.app, address);
      await browser.post('/api/login/start', { acceptApprovedCountry: true });
      const free = [];
      for (let guess = 1; guess <= 5; guess += 1)
        free.push(await tryPassword(browser, username, `Wrong-${guess}-Pw!`));
      expect(free.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);

      const waits = [];
      for (let guess = 6; guess <= 9; guess += 1) {
        const refused = await tryPassword(browser, username, `Wrong-${guess}-Pw!`);
        expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
        waits.push(Number(refused.wait));
        advance(Number(refused.wait) - 1);
        expect((await tryPassword(browser, username, 'Too-Early-Pw!')).status).toBe(429);
        advance(1);
        expect((await tryPassword(browser, username, `Wrong-${guess}-Pw!`)).status).toBe(200);
      }
      expect(waits).toEqual([1, 2, 4, 8]);
    }

    // The owner, from another address, is not held up.
    const owner = await login(
      new TestBrowser(t.app, TEST_ADDRESSES.sweden),
      'mia',
      GOOD_PASSWORD,
      mia.code(clock),
    );
    expect(owner.json()).toEqual({ next: 'portal' });
    expect(await auditActions()).toContain('login.guesses_delayed');
  });

  it('slows guesses at one username from many addresses to a short wait that the owner gets past', async () => {
    const nils = await createOtpUser(testDb.db, { username: 'nils' });
    for (let address = 1; address <= 10; address += 1) {
      const refused = await login(
        new TestBrowser(t.app, `192.0.2.${100 + address}`),
        'nils',
        'Guess-Pw-42!',
        '000000',
      );
      expect(refused.json().error.code).toBe('LOGIN_FAILED');
    }
    const owner = new TestBrowser(t.app, TEST_ADDRESSES.sweden);
    await owner.post('/api/login/start', { acceptApprovedCountry: true });
    expect(await tryPassword(owner, 'nils', GOOD_PASSWORD)).toMatchObject({ status: 429, wait: '1' });
    advance(1);
    expect((await login(owner, 'nils', GOOD_PASSWORD, nils.code(clock))).json()).toEqual({ next: 'portal' });
  });

  it('limits requests per address and audits the first refusal only', async () => {
    const strict = await buildTestApp(testDb.db, {
      now: () => clock,
      env: { MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: '3' },
    });
    const browser = new TestBrowser(strict.app, '192.0.2.77');
    await browser.post('/api/login/start', { acceptApprovedCountry: true });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(
        (await browser.post('/api/login/otp/password', { username: 'alice', password: 'x' })).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const throttled = await testDb.db
      .selectFrom('audit_events')
      .select('ip')
      .where('action', '=', 'login.throttled')
      .execute();
    expect(throttled).toEqual([{ ip: '192.0.2.77' }]);
    await strict.app.close();
  });
});

describe('changing the password at login', () => {
  it('is required at first login, names every broken rule, then reaches the portal', async () => {
    const carl = await createOtpUser(testDb.db, { username: 'carl', mustChangePassword: true });
    const browser = new TestBrowser(t.app);
    expect((await login(browser, 'carl', GOOD_PASSWORD, carl.code(clock))).json()).toEqual({
      next: 'new-password',
      reason: 'first_login',
    });
    const weak = await browser.post('/api/login/otp/new-password', {
      password: 'carl-short',
      repeat: 'carl-short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.map((f: { problem: string }) => f.problem)).toEqual(
      expect.arrayContaining(['too_short', 'contains_username']),
    );
    const same = await browser.post('/api/login/otp/new-password', {
      password: GOOD_PASSWORD,
      repeat: GOOD_PASSWORD,
    });
    expect(same.json().error.fields).toEqual([{ field: 'password', problem: 'same_as_current' }]);
    const mismatch = await browser.post('/api/login/otp/new-password', {
      password: 'Brand-New-Pass-77',
      repeat: 'Brand-New-Pass-78',
    });
    expect(mismatch.json().error.fields).toEqual([{ field: 'password', problem: 'repeat_mismatch' }]);
    const good = await browser.post('/api/login/otp/new-password', {
      password: 'Brand-New-Pass-77',
      repeat: 'Brand-New-Pass-77',
    });
    expect(good.json()).toEqual({ next: 'portal' });
    expect((await browser.get('/api/session')).statusCode).toBe(200);

    advance(60);
    const next = await login(new TestBrowser(t.app), 'carl', 'Brand-New-Pass-77', carl.code(clock));
    expect(next.json()).toEqual({ next: 'portal' });
  });

  it('is required when the password is over two years old', async () => {
    const dora = await createOtpUser(testDb.db, {
      username: 'dora',
      passwordChangedAt: new Date(clock.getTime() - 731 * 86_400_000),
    });
    expect((await login(new TestBrowser(t.app), 'dora', GOOD_PASSWORD, dora.code(clock))).json()).toEqual({
      next: 'new-password',
      reason: 'expired',
    });
  });
});

describe('the portal session', () => {
  async function loggedIn(user: TestUser): Promise<TestBrowser> {
    const browser = new TestBrowser(t.app);
    expect((await login(browser, user.username, user.password, user.code(clock))).statusCode).toBe(200);
    return browser;
  }

  it('ends after five minutes without activity; polling does not count, activity does', async () => {
    const browser = await loggedIn(alice);
    advance(200);
    await browser.get('/api/session');
    await browser.post('/api/session/extend');
    advance(299);
    expect((await browser.get('/api/session')).statusCode).toBe(200);
    advance(2);
    const expired = await browser.get('/api/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toMatchObject({
      code: 'NOT_AUTHENTICATED',
      fields: [{ field: 'reason', problem: 'idle' }],
    });
    expect(await auditActions()).toContain('session.expired');
  });

  it('is swept and audited when its user simply leaves', async () => {
    await loggedIn(alice);
    advance(301);
    expect(await sweepIdleSessions(testDb.db, clock)).toBeGreaterThanOrEqual(1);
  });

  it('ends at logout, which is audited; the cookie then opens nothing', async () => {
    const browser = await loggedIn(alice);
    const cookie = browser.cookie('__Host-mona-session') as string;
    expect((await browser.post('/api/session/logout')).json()).toEqual({ loggedOut: true });
    const replayed = new TestBrowser(t.app);
    replayed.setCookie('__Host-mona-session', cookie);
    const response = await replayed.get('/api/session');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.fields).toEqual([{ field: 'reason', problem: 'logout' }]);
    expect(await auditActions()).toContain('session.logged_out');
  });

  it('refuses a forged or malformed cookie', async () => {
    const forged = new TestBrowser(t.app);
    forged.setCookie('__Host-mona-session', 'A'.repeat(43));
    expect((await forged.get('/api/session')).statusCode).toBe(401);
    forged.setCookie('__Host-mona-session', '../../etc/passwd');
    expect((await forged.get('/api/session')).statusCode).toBe(401);
  });

  it('shows Remote Desktop only when the terms in force were accepted before this login (R10, R14)', async () => {
    const browser = await loggedIn(alice);
    await publishTerms(testDb.db, {
      version: '2026-12-01',
      en: '# New terms',
      sv: '# Nya villkor',
      publishedAt: clock,
      actor: SYSTEM_ACTOR,
    });
    expect((await browser.get('/api/session')).json().portal).toEqual({
      remoteDesktop: false,
      termsAccepted: false,
    });

    advance(10);
    const terms = (await browser.get('/api/terms/current')).json();
    expect(terms).toMatchObject({
      version: '2026-12-01',
      en: '# New terms',
      sv: '# Nya villkor',
      acceptedAt: null,
    });
    const accepted = await browser.post('/api/terms/accept', { version: '2026-12-01' });
    expect(accepted.json()).toEqual({ acceptedAt: clock.toISOString() });
    expect((await browser.get('/api/session')).json().portal).toEqual({
      remoteDesktop: false,
      termsAccepted: true,
    });

    advance(60);
    const again = await loggedIn(alice);
    expect((await again.get('/api/session')).json().portal).toEqual({
      remoteDesktop: true,
      termsAccepted: true,
    });
  });

  it('refuses acceptance of an outdated version', async () => {
    const browser = await loggedIn(alice);
    const response = await browser.post('/api/terms/accept', { version: '2026-01-01' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('TERMS_OUTDATED');
  });

  it('hides support pages from everyone but support staff', async () => {
    const browser = await loggedIn(alice);
    expect((await browser.get('/api/support/mail')).statusCode).toBe(404);
    const sam = await createOtpUser(testDb.db, { username: 'sam', roles: ['support'] });
    const support = await loggedIn(sam);
    expect((await support.get('/api/support/mail')).json()).toEqual({ catcherRunning: false, messages: [] });
    expect((await new TestBrowser(t.app).get('/api/support/mail')).statusCode).toBe(401);
  });

  it('keeps the audit chain intact through all of it', async () => {
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true });
  });
});
