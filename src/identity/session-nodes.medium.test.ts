import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TestBrowser } from '../../test/http-client.js';
import { createOtpUser, type TestUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { SESSION_COOKIE } from './login-cookies-http.js';
import { hashToken } from './tokens.js';

// Several `mona serve` nodes on one database: what one of them does to a portal session holds on
// every other at once, and activity is written in steps without a session outliving its idle timeout.

let testDb: TestDatabase;
let nodeA: TestApp;
let nodeB: TestApp;
let clock: Date;
const advance = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};
let alice: TestUser;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  clock = new Date('2026-11-28T10:00:00Z');
  const env = { MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: '1000' };
  nodeA = await buildTestApp(testDb.db, { now: () => clock, env });
  nodeB = await buildTestApp(testDb.db, { now: () => clock, env });
  alice = await createOtpUser(testDb.db, {
    username: 'alice',
    termsAcceptedAt: new Date('2026-11-01T00:00:00Z'),
  });
});
afterAll(async () => {
  await nodeA.app.close();
  await nodeB.app.close();
  await testDb.drop();
});
beforeEach(() => {
  // A fresh time step for every test, so that codes are never replays of another test's.
  advance(3600);
});

/** Logged in on node A, and the same browser's session cookie sent to node B. */
async function loggedInOnBoth(): Promise<{ onA: TestBrowser; onB: TestBrowser; cookie: string }> {
  const onA = new TestBrowser(nodeA.app);
  await onA.post('/api/login/start', { acceptApprovedCountry: true });
  await onA.post('/api/login/otp/password', { username: alice.username, password: alice.password });
  expect((await onA.post('/api/login/otp/code', { code: alice.code(clock) })).statusCode).toBe(200);
  const cookie = onA.cookie(SESSION_COOKIE) as string;
  const onB = new TestBrowser(nodeB.app);
  onB.setCookie(SESSION_COOKIE, cookie);
  return { onA, onB, cookie };
}

async function lastActivityOf(cookie: string): Promise<Date> {
  const row = await testDb.db
    .selectFrom('portal_sessions')
    .select('last_activity_at')
    .where('id_hash', '=', hashToken(cookie))
    .executeTakeFirstOrThrow();
  return row.last_activity_at;
}

describe('a portal session on several nodes', () => {
  it('is refused on every node from the moment it is logged out on one', async () => {
    const { onA, onB } = await loggedInOnBoth();
    expect((await onB.get('/api/session')).statusCode).toBe(200);
    expect((await onA.post('/api/session/logout')).statusCode).toBe(200);
    const poll = await onB.get('/api/session');
    expect(poll.statusCode).toBe(401);
    expect(poll.json().error.fields).toEqual([{ field: 'reason', problem: 'logout' }]);
    expect((await onB.get('/api/account')).statusCode).toBe(401);
  });

  it('keeps the idle deadline that activity on another node set, and ends there when it passes', async () => {
    const { onA, onB } = await loggedInOnBoth();
    advance(100);
    expect((await onB.get('/api/account')).statusCode).toBe(200);
    advance(299);
    const poll = await onA.get('/api/session');
    expect(poll.statusCode).toBe(200);
    expect(poll.json().session.expiresAt).toBe(new Date(clock.getTime() + 1000).toISOString());
    advance(1);
    expect((await onA.get('/api/session')).json().error.fields).toEqual([
      { field: 'reason', problem: 'idle' },
    ]);
  });
});

describe('activity', () => {
  it('writes the deadline in steps of a thirtieth of the idle timeout (10 s), never letting it pass the timeout after the last activity', async () => {
    const { onA, onB, cookie } = await loggedInOnBoth();
    const loggedInAt = clock;
    advance(5);
    expect((await onA.get('/api/account')).statusCode).toBe(200);
    // Within 10 s of the deadline last written: nothing is written, the deadline stays 5 minutes after login.
    expect(await lastActivityOf(cookie)).toEqual(loggedInAt);
    advance(7);
    expect((await onB.get('/api/account')).statusCode).toBe(200);
    expect(await lastActivityOf(cookie)).toEqual(clock);
    const lastActivity = clock;
    advance(299);
    expect((await onA.get('/api/session')).statusCode).toBe(200);
    advance(1);
    expect(clock.getTime() - lastActivity.getTime()).toBe(300_000);
    expect((await onB.get('/api/session')).json().error.fields).toEqual([
      { field: 'reason', problem: 'idle' },
    ]);
  });

  it('that is not written still cannot keep a session past its idle timeout', async () => {
    const { onA } = await loggedInOnBoth();
    advance(5);
    expect((await onA.get('/api/account')).statusCode).toBe(200);
    advance(295);
    // 5 minutes after login, 4 min 55 s after the last activity: over, at most 10 s early, never late.
    expect((await onA.get('/api/session')).json().error.fields).toEqual([
      { field: 'reason', problem: 'idle' },
    ]);
  });
});
