import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_ADDRESSES } from '../../test/geoip.js';
import { TestBrowser } from '../../test/http-client.js';
import { createOtpUser, logInWithOtp, type TestUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { verifyAuditChain } from '../audit/audit-verification.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from './terms-service.js';

let testDb: TestDatabase;
let proxied: TestApp;
let alice: TestUser;
const PROXY = '127.0.0.1';
const clock = new Date('2027-02-01T10:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  proxied = await buildTestApp(testDb.db, {
    now: () => clock,
    env: { MONA_HTTP__TRUSTED_PROXIES: `[${PROXY}]` },
  });
  alice = await createOtpUser(testDb.db, { username: 'alice' });
});
afterAll(async () => {
  await proxied.app.close();
  await testDb.drop();
});

/** A request the trusted proxy passes on, saying it came from `forwardedFor`. */
function viaProxy(
  method: 'GET' | 'POST',
  url: string,
  forwardedFor: string,
  headers: Record<string, string> = {},
) {
  return proxied.app.inject({
    method,
    url,
    remoteAddress: PROXY,
    headers: { 'x-forwarded-for': forwardedFor, ...headers },
    ...(method === 'POST' ? { payload: {} } : {}),
  });
}

async function refusalsAudited() {
  return testDb.db
    .selectFrom('audit_events')
    .select(['ip', 'details'])
    .where('action', '=', 'access.country_refused')
    .orderBy('seq')
    .execute();
}

describe('a forwarded address that is not an IP address', () => {
  it('is refused as from no approved country on the login routes, and audited without an address', async () => {
    for (const [method, url] of [
      ['GET', '/api/login/country'],
      ['POST', '/api/login/start'],
    ] as const) {
      const response = await viaProxy(method, url, 'not-an-ip');
      expect([url, response.statusCode, response.json().error.code]).toEqual([
        url,
        403,
        'COUNTRY_NOT_APPROVED',
      ]);
    }
    expect(await refusalsAudited()).toEqual([
      { ip: null, details: expect.objectContaining({ reason: 'not_an_ip', path: '/api/login/country' }) },
      { ip: null, details: expect.objectContaining({ reason: 'not_an_ip', path: '/api/login/start' }) },
    ]);
  });

  it('is refused on a route of a logged-in user, whose session it leaves alone', async () => {
    const browser = new TestBrowser(proxied.app, PROXY, { 'x-forwarded-for': TEST_ADDRESSES.sweden });
    expect((await logInWithOtp(browser, alice, clock)).statusCode).toBe(200);
    const credentials = {
      cookie: ['__Host-mona-session', '__Host-mona-csrf']
        .map((name) => `${name}=${browser.cookie(name)}`)
        .join('; '),
      'x-csrf-token': browser.csrf() as string,
    };
    for (const forwardedFor of ['not-an-ip', `${TEST_ADDRESSES.sweden}:443`, 'fe80::1%eth0']) {
      const logout = await viaProxy('POST', '/api/session/logout', forwardedFor, credentials);
      expect([forwardedFor, logout.statusCode, logout.json().error.code]).toEqual([
        forwardedFor,
        403,
        'COUNTRY_NOT_APPROVED',
      ]);
    }
    expect((await browser.get('/api/session')).statusCode).toBe(200);
    const refused = (await refusalsAudited()).filter((event) => event.details.path === '/api/session/logout');
    expect(refused).toHaveLength(3);
    expect(refused.every((event) => event.ip === null)).toBe(true);
  });

  it('keeps the audit chain intact', async () => {
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true });
  });
});
