import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_ADDRESSES } from '../../test/geoip.js';
import { TestBrowser } from '../../test/http-client.js';
import { createTestProject } from '../../test/projects.js';
import { createOtpUser, logInWithOtp, type TestUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { addMember } from '../projects/project-service.js';

let testDb: TestDatabase;
let t: TestApp;
let clock = new Date('2026-11-28T10:00:00Z');
let alice: TestUser;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  t = await buildTestApp(testDb.db, { now: () => clock });
  alice = await createOtpUser(testDb.db, { username: 'alice', termsAcceptedAt: new Date('2026-11-01') });
  await createTestProject(testDb.db, 'P0101');
  await addMember(testDb.db, 'P0101', 'alice', 'member', SYSTEM_ACTOR);
});
afterAll(async () => {
  await t.app.close();
  await testDb.drop();
});
beforeEach(() => {
  // A fresh time step for every test, so that no login replays another's code.
  clock = new Date(clock.getTime() + 3600_000);
});

/** Alice's browser, logged in from Sweden. */
async function loggedInFromSweden(): Promise<TestBrowser> {
  const browser = new TestBrowser(t.app, TEST_ADDRESSES.sweden);
  expect((await logInWithOtp(browser, alice, clock)).json()).toEqual({ next: 'portal' });
  return browser;
}

async function countryEndings() {
  return testDb.db
    .selectFrom('audit_events')
    .select(['ip', 'target_id', 'details'])
    .where('action', '=', 'session.country_refused')
    .orderBy('seq')
    .execute();
}

describe('a portal session used from outside the approved countries (R3)', () => {
  it('is refused and ended at its first request from there, audited with the address and its country', async () => {
    const browser = await loggedInFromSweden();
    expect((await browser.get('/api/account')).statusCode).toBe(200);
    const before = (await countryEndings()).length;

    browser.remoteAddress = TEST_ADDRESSES.usa;
    const abroad = await browser.get('/api/account');
    expect(abroad.statusCode).toBe(403);
    expect(abroad.json().error.code).toBe('COUNTRY_NOT_APPROVED');

    // Back in Sweden, the session is over: the user logs in again, and hears why.
    browser.remoteAddress = TEST_ADDRESSES.sweden;
    const back = await browser.get('/api/session');
    expect(back.statusCode).toBe(401);
    expect(back.json().error).toMatchObject({
      code: 'NOT_AUTHENTICATED',
      fields: [{ field: 'reason', problem: 'country' }],
    });
    const endings = await countryEndings();
    expect(endings).toHaveLength(before + 1);
    expect(endings.at(-1)).toMatchObject({
      ip: TEST_ADDRESSES.usa,
      target_id: alice.id,
      details: { country: 'US', reason: 'country_not_approved', path: '/api/account' },
    });
  });

  it('uploads nothing from there', async () => {
    const browser = await loggedInFromSweden();
    browser.remoteAddress = TEST_ADDRESSES.canada;
    const upload = await browser.postRaw('/api/uploads', 'year,income\n2026,1\n', {
      'x-file-name': 'income.csv',
      'x-project': 'P0101',
    });
    expect(upload.json().error.code).toBe('COUNTRY_NOT_APPROVED');
    expect(await testDb.db.selectFrom('uploads').select('id').execute()).toEqual([]);
    expect((await countryEndings()).at(-1)?.details).toMatchObject({ country: 'CA', path: '/api/uploads' });
  });

  it('opens no remote desktop from there', async () => {
    const browser = await loggedInFromSweden();
    browser.remoteAddress = TEST_ADDRESSES.usa;
    expect((await browser.post('/api/desktop/open', {})).json().error.code).toBe('COUNTRY_NOT_APPROVED');
    expect(await testDb.db.selectFrom('desktop_sessions').select('id').execute()).toEqual([]);
    expect((await countryEndings()).at(-1)?.details).toMatchObject({ path: '/api/desktop/open' });
  });

  it('is ended by a route open to anyone too, which still answers visitors without a session', async () => {
    const browser = await loggedInFromSweden();
    browser.remoteAddress = TEST_ADDRESSES.usa;
    expect((await browser.get('/api/terms/current')).json().error.code).toBe('COUNTRY_NOT_APPROVED');
    // The session has ended, so the same browser is now a visitor like any other.
    expect((await browser.get('/api/terms/current')).statusCode).toBe(200);
    expect((await new TestBrowser(t.app, TEST_ADDRESSES.usa).get('/api/terms/current')).statusCode).toBe(200);
  });

  it('goes on from another address in an approved country', async () => {
    const browser = await loggedInFromSweden();
    const before = (await countryEndings()).length;
    browser.remoteAddress = TEST_ADDRESSES.swedenV6;
    expect((await browser.get('/api/account')).statusCode).toBe(200);
    expect((await browser.get('/api/session')).statusCode).toBe(200);
    expect(await countryEndings()).toHaveLength(before);
  });
});
