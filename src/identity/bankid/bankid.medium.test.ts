import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { TestBrowser } from '../../../test/http-client.js';
import { createOtpUser, logInWithOtp } from '../../../test/users.js';
import { SYSTEM_ACTOR } from '../../audit/audit-service.js';
import { verifyAuditChain } from '../../audit/audit-verification.js';
import { type DevIdp, startDevIdp, TEST_IDENTITIES } from '../../dev-idp/dev-idp.js';
import { identifyAtDevIdp } from '../../dev-idp/drive.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../../entry/terms-service.js';
import { createSmtpMailer } from '../../notify/mailer.js';
import { type SmtpCatcher, startSmtpCatcher } from '../../notify/smtp-catcher.js';
import { base32Decode } from '../base32.js';
import { timeStepAt, totpCode } from '../totp.js';
import { reinviteUser } from '../user-admin.js';
import { createBankIdBroker } from './bankid-broker.js';

const PUBLIC_URL = 'http://mona.test/';
const CLIENT = {
  clientId: 'mona-test',
  clientSecret: 'a-test-secret-of-enough-length',
  redirectUris: [`${PUBLIC_URL}api/login/bankid/callback`],
};
const [tess, sven] = TEST_IDENTITIES as [(typeof TEST_IDENTITIES)[number], (typeof TEST_IDENTITIES)[number]];

let testDb: TestDatabase;
let devIdp: DevIdp;
let otherIdp: DevIdp;
let catcher: SmtpCatcher;
let t: TestApp;
let clock: Date;

const settings = (issuer: string) => ({
  issuer,
  clientId: CLIENT.clientId,
  clientSecret: CLIENT.clientSecret,
  scopes: ['openid', 'profile'],
  claims: { personalIdentityNumber: 'personal_identity_number', name: 'name' },
  timeoutSeconds: 5,
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  devIdp = await startDevIdp({
    port: 0,
    operatorName: 'Test Office',
    clients: [CLIENT],
    environment: 'test',
  });
  otherIdp = await startDevIdp({
    port: 0,
    operatorName: 'Someone Else',
    clients: [CLIENT],
    environment: 'test',
  });
  catcher = await startSmtpCatcher();
  clock = new Date();
  t = await buildTestApp(testDb.db, {
    // The broker checks token expiry against the real clock, so this test runs on it too.
    now: () => clock,
    bankid: createBankIdBroker(settings(devIdp.issuer)),
    mailer: createSmtpMailer({
      host: '127.0.0.1',
      port: catcher.port,
      secure: false,
      user: null,
      password: null,
      from: 'Test <s@mona.test>',
    }),
  });
});
afterAll(async () => {
  await t.app.close();
  await devIdp.close();
  await otherIdp.close();
  await catcher.close();
  await testDb.drop();
});
beforeEach(() => {
  clock = new Date();
});

/** Accept, "BankID", the username, Continue: answers the broker's address. */
async function startBankId(browser: TestBrowser, username: string): Promise<string> {
  await browser.post('/api/login/start', { acceptApprovedCountry: true });
  const started = await browser.post('/api/login/bankid/start', { username });
  expect(started.statusCode).toBe(200);
  return started.json().redirectUrl;
}

/** The broker's redirect back to mona, followed by the browser: where mona sends it next. */
async function callback(browser: TestBrowser, returnUrl: URL): Promise<string> {
  const response = await browser.get(`${returnUrl.pathname}${returnUrl.search}`);
  expect(response.statusCode).toBe(302);
  return response.headers.location as string;
}

async function bankIdLogin(browser: TestBrowser, username: string, person = tess): Promise<string> {
  const back = await identifyAtDevIdp(await startBankId(browser, username), {
    personalIdentityNumber: person.personalIdentityNumber,
  });
  return callback(browser, back);
}

async function otpLogin(user: Awaited<ReturnType<typeof createOtpUser>>): Promise<TestBrowser> {
  const browser = new TestBrowser(t.app);
  expect((await logInWithOtp(browser, user, clock)).statusCode).toBe(200);
  return browser;
}

async function lastRefusal(): Promise<unknown> {
  const row = await testDb.db
    .selectFrom('audit_events')
    .select('details')
    .where('action', '=', 'login.bankid_refused')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return row?.details;
}

describe('BankID login of an account not yet linked (R8, R9)', () => {
  it('records a link request; support approves; the user is mailed and reaches the portal', async () => {
    const ulla = await createOtpUser(testDb.db, { username: 'ulla' });
    expect(await bankIdLogin(new TestBrowser(t.app), 'ulla')).toBe('/login/bankid?outcome=requested');

    const staff = await otpLogin(await createOtpUser(testDb.db, { username: 'stina', roles: ['support'] }));
    const { requests } = (await staff.get('/api/support/bankid-requests')).json();
    expect(requests).toEqual([
      expect.objectContaining({
        username: 'ulla',
        accountExists: true,
        name: tess.name,
        pinMasked: `${tess.personalIdentityNumber.slice(0, 8)}-****`,
        state: 'pending',
      }),
    ]);
    expect(JSON.stringify(requests)).not.toContain(tess.personalIdentityNumber);

    const approved = await staff.post(`/api/support/bankid-requests/${requests[0].id}/approve`);
    expect(approved.json()).toEqual({ approved: true, username: 'ulla', mailed: true });
    await catcher.waitFor((m) => m.to.includes('ulla@mona.test'), 5000);
    const account = await testDb.db
      .selectFrom('users')
      .select('login_method')
      .where('id', '=', ulla.id)
      .executeTakeFirstOrThrow();
    expect(account.login_method).toBe('bankid');
    // R5: exactly one method: the OTP credentials are gone.
    expect(
      await testDb.db
        .selectFrom('otp_credentials')
        .select('user_id')
        .where('user_id', '=', ulla.id)
        .execute(),
    ).toEqual([]);

    const browser = new TestBrowser(t.app);
    expect(await bankIdLogin(browser, 'ulla')).toBe('/portal');
    const session = (await browser.get('/api/session')).json();
    expect(session.user.username).toBe('ulla');
    // R10: the first BankID login has not accepted the terms; Remote Desktop waits for that and a new login.
    expect(session.portal).toEqual({ remoteDesktop: false, termsAccepted: false });
    const terms = (await browser.get('/api/terms/current')).json();
    clock = new Date(clock.getTime() + 1000);
    await browser.post('/api/terms/accept', { version: terms.version });
    expect((await browser.get('/api/session')).json().portal).toEqual({
      remoteDesktop: false,
      termsAccepted: true,
    });
    clock = new Date(clock.getTime() + 1000);
    const again = new TestBrowser(t.app);
    expect(await bankIdLogin(again, 'ulla')).toBe('/portal');
    expect((await again.get('/api/session')).json().portal).toEqual({
      remoteDesktop: true,
      termsAccepted: true,
    });
  });

  it('refuses another identity for a linked account, as a new request', async () => {
    expect(await bankIdLogin(new TestBrowser(t.app), 'ulla', sven)).toBe('/login/bankid?outcome=requested');
    const browser = new TestBrowser(t.app);
    expect(await bankIdLogin(browser, 'ulla', sven)).not.toBe('/portal');
    expect((await browser.get('/api/session')).statusCode).toBe(401);
  });

  it('lets support reject a request, and no one else see them', async () => {
    await bankIdLogin(new TestBrowser(t.app), 'nobody-here', sven);
    const researcher = await createOtpUser(testDb.db, { username: 'rolf' });
    expect((await (await otpLogin(researcher)).get('/api/support/bankid-requests')).statusCode).toBe(404);

    const staff = await otpLogin(await createOtpUser(testDb.db, { username: 'sara', roles: ['support'] }));
    const { requests } = (await staff.get('/api/support/bankid-requests')).json();
    const request = requests.find((r: { username: string }) => r.username === 'nobody-here');
    expect(request).toMatchObject({ accountExists: false, accountState: null });
    expect((await staff.post(`/api/support/bankid-requests/${request.id}/approve`)).json().error.code).toBe(
      'LINK_REQUEST_UNUSABLE',
    );
    expect((await staff.post(`/api/support/bankid-requests/${request.id}/reject`)).json()).toEqual({
      rejected: true,
    });
    expect((await staff.post(`/api/support/bankid-requests/${request.id}/reject`)).statusCode).toBe(404);
    expect((await staff.get('/api/support/bankid-requests?state=all')).json().requests).toContainEqual(
      expect.objectContaining({ id: request.id, state: 'rejected' }),
    );
  });
});

describe('forged and stale callbacks are refused, audited, never a login', () => {
  it('a wrong state', async () => {
    const browser = new TestBrowser(t.app);
    const back = await identifyAtDevIdp(await startBankId(browser, 'ulla'), {
      personalIdentityNumber: tess.personalIdentityNumber,
    });
    back.searchParams.set('state', 'forged-state');
    expect(await callback(browser, back)).toBe('/login/bankid?outcome=failed');
    expect(await lastRefusal()).toMatchObject({ reason: 'callback_refused' });
    expect((await browser.get('/api/session')).statusCode).toBe(401);
  });

  it('a callback replayed, and a code used twice', async () => {
    const browser = new TestBrowser(t.app);
    const back = await identifyAtDevIdp(await startBankId(browser, 'ulla'), {
      personalIdentityNumber: tess.personalIdentityNumber,
    });
    expect(await callback(browser, back)).toBe('/portal');
    expect(await callback(browser, back)).toBe('/login/bankid?outcome=expired');

    // The old code with the state of a fresh login: the broker refuses the second redemption.
    const attacker = new TestBrowser(t.app);
    const fresh = new URL(await startBankId(attacker, 'ulla'));
    const reused = new URL(back);
    reused.searchParams.set('state', fresh.searchParams.get('state') as string);
    expect(await callback(attacker, reused)).toBe('/login/bankid?outcome=failed');
    expect((await attacker.get('/api/session')).statusCode).toBe(401);
  });

  it('a code from another issuer', async () => {
    const browser = new TestBrowser(t.app);
    const ours = new URL(await startBankId(browser, 'ulla'));
    const theirs = new URL(ours.pathname + ours.search, otherIdp.issuer);
    const back = await identifyAtDevIdp(theirs, { personalIdentityNumber: tess.personalIdentityNumber });
    expect(await callback(browser, back)).toBe('/login/bankid?outcome=failed');
    expect(await lastRefusal()).toMatchObject({ reason: 'callback_refused' });
  });

  it('a callback with no login in progress, and a cancelled identification', async () => {
    expect(
      await callback(
        new TestBrowser(t.app),
        new URL('http://mona.test/api/login/bankid/callback?code=x&state=y'),
      ),
    ).toBe('/login/bankid?outcome=expired');
    const browser = new TestBrowser(t.app);
    const back = await identifyAtDevIdp(await startBankId(browser, 'ulla'), 'cancel');
    expect(await callback(browser, back)).toBe('/login/bankid?outcome=cancelled');
  });

  it('forged callbacks naming an account do not lock its one-time-password login', async () => {
    const ylva = await createOtpUser(testDb.db, { username: 'ylva' });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const browser = new TestBrowser(t.app);
      await startBankId(browser, 'ylva');
      const forged = new URL('http://mona.test/api/login/bankid/callback?code=x&state=forged-state');
      expect(await callback(browser, forged)).toBe('/login/bankid?outcome=failed');
    }
    expect(await lastRefusal()).toMatchObject({ username: 'ylva', reason: 'callback_refused' });
    expect((await logInWithOtp(new TestBrowser(t.app), ylva, clock)).json()).toEqual({ next: 'portal' });
  });

  it('a broker that is down answers BANKID_UNAVAILABLE', async () => {
    const down = await buildTestApp(testDb.db, {
      bankid: createBankIdBroker({ ...settings('http://127.0.0.1:1'), timeoutSeconds: 2 }),
    });
    const browser = new TestBrowser(down.app);
    await browser.post('/api/login/start', { acceptApprovedCountry: true });
    const response = await browser.post('/api/login/bankid/start', { username: 'ulla' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('BANKID_UNAVAILABLE');
    await down.app.close();
  });

  it('a broker that accepts the connection but never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const stuck = await buildTestApp(testDb.db, {
      bankid: createBankIdBroker({ ...settings(`http://127.0.0.1:${port}`), timeoutSeconds: 1 }),
    });
    const browser = new TestBrowser(stuck.app);
    await browser.post('/api/login/start', { acceptApprovedCountry: true });
    const response = await browser.post('/api/login/bankid/start', { username: 'ulla' });
    expect(response.json().error.code).toBe('BANKID_UNAVAILABLE');
    await stuck.app.close();
    silent.close();
  });

  it('an identity number that is not one', async () => {
    // A broker whose configured claim carries something else than a personal identity number.
    const misconfigured = await buildTestApp(testDb.db, {
      bankid: createBankIdBroker({
        ...settings(devIdp.issuer),
        claims: { personalIdentityNumber: 'given_name', name: 'name' },
      }),
    });
    const browser = new TestBrowser(misconfigured.app);
    await browser.post('/api/login/start', { acceptApprovedCountry: true });
    const started = (await browser.post('/api/login/bankid/start', { username: 'ulla' })).json();
    const back = await identifyAtDevIdp(started.redirectUrl, {
      personalIdentityNumber: tess.personalIdentityNumber,
    });
    expect(await callback(browser, back)).toBe('/login/bankid?outcome=failed');
    expect(await lastRefusal()).toMatchObject({ reason: 'claims_invalid' });
    expect((await browser.get('/api/session')).statusCode).toBe(401);
    await misconfigured.app.close();
  });

  it('keeps the audit chain intact', async () => {
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true });
  });
});

describe('switching methods (R5)', () => {
  it('linking OTP removes the BankID link', async () => {
    const invitation = await reinviteUser(testDb.db, 'ulla', {
      actor: SYSTEM_ACTOR,
      now: clock,
      linkValidHours: 1,
    });
    const browser = new TestBrowser(t.app);
    await browser.post('/api/enrolment/start', {
      token: invitation.linkToken,
      username: 'ulla',
      password: invitation.initialPassword,
    });
    const chosen = (
      await browser.post('/api/enrolment/password', { password: 'Helt-Nytt-2026', repeat: 'Helt-Nytt-2026' })
    ).json();
    const confirmed = (
      await browser.post('/api/enrolment/authenticator', {
        code: totpCode(base32Decode(chosen.authenticator.secret), timeStepAt(clock)),
      })
    ).json();
    expect(
      (await browser.post('/api/enrolment/terms', { version: confirmed.terms.version, accept: true })).json(),
    ).toEqual({ next: 'done' });
    const user = await testDb.db
      .selectFrom('users')
      .select(['id', 'login_method'])
      .where('username', '=', 'ulla')
      .executeTakeFirstOrThrow();
    expect(user.login_method).toBe('otp');
    expect(
      await testDb.db.selectFrom('bankid_links').select('user_id').where('user_id', '=', user.id).execute(),
    ).toEqual([]);
    expect(await bankIdLogin(new TestBrowser(t.app), 'ulla')).toBe('/login/bankid?outcome=requested');
  });
});
