import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAirlock } from '../../test/airlock.js';
import { buildTestApp, fakeWebRoot, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_ADDRESSES } from '../../test/geoip.js';
import { TestBrowser } from '../../test/http-client.js';
import { createTestProject } from '../../test/projects.js';
import { routeTable } from '../../test/route-table.js';
import { createOtpUser } from '../../test/users.js';
import { insertUpload } from '../airlock/upload-repository.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { insertStartingSession, markRunning } from '../desktop/desktop-session-repository.js';
import { addHost } from '../desktop/host-registry.js';
import { CLOSE } from '../desktop/vnc/vnc-gateway.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { hashPin, recordLinkRequest } from '../identity/bankid/link-requests.js';
import type { StaffRole } from '../identity/identity-tables.js';
import { SESSION_COOKIE } from '../identity/login-cookies-http.js';
import { sessionTimeoutsOf, startSession } from '../identity/session-service.js';
import { addMember } from '../projects/project-service.js';

// Every route the app registers, asked by everyone who may come: the answer each gets is written down
// here, and a route nobody wrote down fails the test. Each request gets fresh things to act on, so
// what one asker changes never decides another's answer.

const ACTORS = ['anonymous', 'member', 'outsider', 'support', 'reviewer', 'operator'] as const;
type Actor = (typeof ACTORS)[number];
type Answers = Record<Actor, number>;

/** What each asker gets: a status per actor. */
const everyone = (status: number): Answers =>
  Object.fromEntries(ACTORS.map((actor) => [actor, status])) as Answers;
const signedIn = (status: number): Answers => ({ ...everyone(status), anonymous: 401 });
/** Staff work: support and operators do support's; only reviewers review. Others: not found or no access. */
const staffOnly = (role: 'support' | 'review', status: number): Answers => ({
  ...signedIn(404),
  ...(role === 'support' ? { support: status, operator: status } : { reviewer: status }),
});

interface Probe {
  send(browser: TestBrowser): Promise<LightMyRequestResponse>;
  answers: Answers;
}

let testDb: TestDatabase;
let t: TestApp;
const airlock = testAirlock();
const MEMBERS_PROJECT = 'P1001';
const users = {} as Record<Exclude<Actor, 'anonymous'>, string>;
let browsers = 0;

/** An upload of the member's, waiting for a reviewer, with its bytes in quarantine. */
async function uploadInReview(): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await insertUpload(testDb.db, {
    id,
    user_id: users.member,
    project_id: MEMBERS_PROJECT,
    original_name: 'table.csv',
    bytes: 4,
    sha256: '0'.repeat(64),
    detected_type: 'csv',
    state: 'in_review',
    reason: null,
    reason_detail: null,
    delivered_name: null,
    received_at: now,
    updated_at: now,
  });
  writeFileSync(join(airlock.quarantineDir, id), 'a,b\n');
  return id;
}

/** A pending BankID link request for an account of its own. */
async function pendingLinkRequest(): Promise<string> {
  const username = `linked-${randomUUID().slice(0, 8)}`;
  await createOtpUser(testDb.db, { username });
  const pin = `19650312${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  await recordLinkRequest(testDb.db, {
    username,
    pinHmac: await hashPin(testDb.db, pin),
    pinMasked: '19650312-****',
    name: 'Tess Testberg',
    ip: TEST_ADDRESSES.sweden,
    country: 'SE',
    now: new Date(),
  });
  const row = await testDb.db
    .selectFrom('bankid_link_requests')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What agents send, well formed: the refusal is then about who asks. */
const AGENT_REQUESTS: Record<string, unknown> = {
  '/api/hosts/register': {
    agentUrl: 'http://127.0.0.1:1',
    agentToken: 't'.repeat(32),
    capacity: 1,
    sessions: [],
  },
  '/api/hosts/report': {
    agentUrl: 'http://127.0.0.1:1',
    agentToken: 't'.repeat(32),
    capacity: 1,
    sessions: [],
  },
  '/api/hosts/logon': { unixUser: 'member', secret: 'a'.repeat(48) },
  '/api/hosts/sessions/:id/logout': {},
  '/api/hosts/sessions/:id/licences/checkout': { software: 'r' },
  '/api/hosts/sessions/:id/licences/return': { leaseId: randomUUID() },
};

const MATRIX: Record<string, Probe> = {
  // The web app; any other path that is not the API answers with it too (the not-found handler).
  'GET /index.html': { send: (b) => b.get('/index.html'), answers: everyone(200) },
  'GET /healthz': { send: (b) => b.get('/healthz'), answers: everyone(200) },
  'GET /readyz': { send: (b) => b.get('/readyz'), answers: everyone(200) },
  'GET /api/csrf-token': { send: (b) => b.get('/api/csrf-token'), answers: everyone(200) },
  'GET /api/site': { send: (b) => b.get('/api/site'), answers: everyone(200) },
  // No logo is configured here.
  'GET /api/site/logo': { send: (b) => b.get('/api/site/logo'), answers: everyone(404) },
  'GET /api/notices': { send: (b) => b.get('/api/notices'), answers: everyone(200) },
  'GET /api/software': { send: (b) => b.get('/api/software'), answers: everyone(200) },
  'GET /api/terms/current': { send: (b) => b.get('/api/terms/current'), answers: everyone(200) },

  // The login and enrolment steps are open to all; without a flow started they answer that it expired.
  'GET /api/login/country': { send: (b) => b.get('/api/login/country'), answers: everyone(200) },
  'POST /api/login/start': {
    send: (b) => b.post('/api/login/start', { acceptApprovedCountry: true }),
    answers: everyone(200),
  },
  'POST /api/login/otp/password': {
    send: (b) => b.post('/api/login/otp/password', { username: 'alice', password: 'x' }),
    answers: everyone(409),
  },
  'POST /api/login/otp/code': {
    send: (b) => b.post('/api/login/otp/code', { code: '123456' }),
    answers: everyone(409),
  },
  'POST /api/login/otp/new-password': {
    send: (b) => b.post('/api/login/otp/new-password', { password: 'x', repeat: 'x' }),
    answers: everyone(409),
  },
  // BankID is not offered here.
  'POST /api/login/bankid/start': {
    send: (b) => b.post('/api/login/bankid/start', { username: 'alice' }),
    answers: everyone(404),
  },
  'GET /api/login/bankid/callback': {
    send: (b) => b.get('/api/login/bankid/callback?state=x&code=y'),
    answers: everyone(302),
  },
  'POST /api/enrolment/start': {
    // A username of its own: a wrong letter password is throttled per username.
    send: (b) =>
      b.post('/api/enrolment/start', { token: 'x', username: `u${randomUUID().slice(0, 8)}`, password: 'x' }),
    answers: everyone(401),
  },
  'POST /api/enrolment/password': {
    send: (b) => b.post('/api/enrolment/password', { password: 'x', repeat: 'x' }),
    answers: everyone(409),
  },
  'POST /api/enrolment/authenticator': {
    send: (b) => b.post('/api/enrolment/authenticator', { code: '123456' }),
    answers: everyone(409),
  },
  'POST /api/enrolment/terms': {
    send: (b) => b.post('/api/enrolment/terms', { version: 'x', accept: true }),
    answers: everyone(409),
  },

  'GET /api/session': { send: (b) => b.get('/api/session'), answers: signedIn(200) },
  'POST /api/session/extend': { send: (b) => b.post('/api/session/extend'), answers: signedIn(200) },
  'POST /api/session/logout': { send: (b) => b.post('/api/session/logout'), answers: signedIn(200) },
  'POST /api/terms/accept': {
    send: async (b) =>
      b.post('/api/terms/accept', { version: (await b.get('/api/terms/current')).json().version }),
    answers: signedIn(200),
  },
  'GET /api/account': { send: (b) => b.get('/api/account'), answers: signedIn(200) },
  'POST /api/account/deletion-request': {
    send: (b) => b.post('/api/account/deletion-request', { confirm: true }),
    answers: signedIn(200),
  },

  // An upload for the member's project: only its members may send one.
  'POST /api/uploads': {
    send: (b) =>
      b.postRaw('/api/uploads', 'a,b\n1,2\n', { 'x-file-name': 'data.csv', 'x-project': MEMBERS_PROJECT }),
    answers: { ...signedIn(404), member: 202 },
  },
  'GET /api/uploads': { send: (b) => b.get('/api/uploads'), answers: signedIn(200) },
  'GET /api/downloads': { send: (b) => b.get('/api/downloads'), answers: signedIn(200) },
  'GET /api/review/uploads': { send: (b) => b.get('/api/review/uploads'), answers: staffOnly('review', 200) },
  'GET /api/review/uploads/:id/content': {
    send: async (b) => b.get(`/api/review/uploads/${await uploadInReview()}/content`),
    answers: staffOnly('review', 200),
  },
  'POST /api/review/uploads/:id/decision': {
    send: async (b) =>
      b.post(`/api/review/uploads/${await uploadInReview()}/decision`, { approve: false, note: 'Names.' }),
    answers: staffOnly('review', 200),
  },

  'GET /api/support/mail': { send: (b) => b.get('/api/support/mail'), answers: staffOnly('support', 200) },
  'GET /api/support/bankid-requests': {
    send: (b) => b.get('/api/support/bankid-requests?state=all'),
    answers: staffOnly('support', 200),
  },
  'POST /api/support/bankid-requests/:id/approve': {
    send: async (b) => b.post(`/api/support/bankid-requests/${await pendingLinkRequest()}/approve`),
    answers: staffOnly('support', 200),
  },
  'POST /api/support/bankid-requests/:id/reject': {
    send: async (b) => b.post(`/api/support/bankid-requests/${await pendingLinkRequest()}/reject`),
    answers: staffOnly('support', 200),
  },

  // No session host is registered here: the desktop cannot start, and nobody has one to change.
  'GET /api/desktop': { send: (b) => b.get('/api/desktop'), answers: signedIn(200) },
  'POST /api/desktop/open': { send: (b) => b.post('/api/desktop/open'), answers: signedIn(503) },
  'POST /api/desktop/rdp': { send: (b) => b.post('/api/desktop/rdp'), answers: signedIn(503) },
  'POST /api/desktop/keyboard': {
    send: (b) => b.post('/api/desktop/keyboard', { layout: 'se' }),
    answers: signedIn(404),
  },
  'POST /api/desktop/end': { send: (b) => b.post('/api/desktop/end'), answers: signedIn(404) },
  // The viewer's WebSocket: a request that is no upgrade is refused before any ticket is read.
  'GET /api/desktop/vnc': { send: (b) => b.get('/api/desktop/vnc?ticket=x'), answers: signedIn(404) },

  // The agents' API answers hosts, by name and secret; a portal session is nobody there.
  ...Object.fromEntries(
    Object.entries(AGENT_REQUESTS).map(([path, body]) => [
      `POST ${path}`,
      { send: (b: TestBrowser) => b.post(path.replace(':id', randomUUID()), body), answers: everyone(401) },
    ]),
  ),
};

/** A browser for the actor, with a portal session of its own (started directly: the login has its own tests). */
async function browserOf(actor: Actor): Promise<TestBrowser> {
  // An address of its own, so that throttling by address never decides an answer here.
  browsers += 1;
  const browser = new TestBrowser(t.app, `10.1.${Math.floor(browsers / 250)}.${(browsers % 250) + 1}`);
  if (actor === 'anonymous') return browser;
  const token = await testDb.db
    .transaction()
    .execute((trx) =>
      startSession(
        trx,
        { userId: users[actor], method: 'otp', ip: TEST_ADDRESSES.sweden, country: 'SE', now: new Date() },
        sessionTimeoutsOf(t.config.identity),
      ),
    );
  browser.setCookie(SESSION_COOKIE, token);
  return browser;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  mkdirSync(airlock.quarantineDir, { recursive: true });
  t = await buildTestApp(testDb.db, { airlock, webRoot: fakeWebRoot() });
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  await createTestProject(testDb.db, MEMBERS_PROJECT);
  await createTestProject(testDb.db, 'P1002');
  const termsAcceptedAt = new Date(Date.now() - 60_000);
  const roles: Record<Exclude<Actor, 'anonymous'>, StaffRole[]> = {
    member: [],
    outsider: [],
    support: ['support'],
    reviewer: ['reviewer'],
    operator: ['operator'],
  };
  for (const [actor, staffRoles] of Object.entries(roles) as [keyof typeof roles, StaffRole[]][])
    users[actor] = (
      await createOtpUser(testDb.db, { username: actor, roles: staffRoles, termsAcceptedAt })
    ).id;
  await addMember(testDb.db, MEMBERS_PROJECT, 'member', 'member', SYSTEM_ACTOR);
  await addMember(testDb.db, 'P1002', 'outsider', 'member', SYSTEM_ACTOR);
  await t.app.ready();
});
afterAll(async () => {
  await t.app.close();
  await testDb.drop();
});

describe('the authorisation matrix', () => {
  it('has an entry for every route the app registers, and none for a route it does not', () => {
    const routes = routeTable(t.app).map(({ method, path }) => `${method} ${path}`);
    expect(routes.length).toBeGreaterThan(40);
    expect(new Set(Object.keys(MATRIX))).toEqual(new Set(routes));
  });

  for (const [route, probe] of Object.entries(MATRIX)) {
    it(`${route} answers each asker as written down`, async () => {
      const answers: Partial<Answers> = {};
      for (const actor of ACTORS) answers[actor] = (await probe.send(await browserOf(actor))).statusCode;
      expect(answers).toEqual(probe.answers);
    });
  }
});

describe("the agents' API", () => {
  async function hostCall(host: { name: string; secret: string }, path: string, body: unknown) {
    return t.app.inject({
      method: 'POST',
      url: path,
      headers: { authorization: `Bearer ${host.secret}`, 'x-mona-host': host.name },
      payload: body as Record<string, unknown>,
    });
  }

  it('answers a host for its own sessions only, and refuses a wrong secret', async () => {
    const first = { name: 'host-a', secret: await addHost(testDb.db, 'host-a', 2, SYSTEM_ACTOR) };
    const second = { name: 'host-b', secret: await addHost(testDb.db, 'host-b', 2, SYSTEM_ACTOR) };
    const started = await insertStartingSession(testDb.db, {
      userId: users.member,
      hostName: first.name,
      vncPassword: 'abcdefgh',
      keyboard: 'se',
      now: new Date(),
      startingUntil: new Date(Date.now() + 15_000),
    });
    if (!started) throw new Error('the session was not inserted');
    await markRunning(testDb.db, started.id);
    const logout = `/api/hosts/sessions/${started.id}/logout`;

    expect((await hostCall({ ...first, secret: 'mh_wrong' }, logout, {})).statusCode).toBe(401);
    expect((await hostCall(second, logout, {})).statusCode).toBe(404);
    expect((await hostCall(first, logout, {})).statusCode).toBe(204);
  });
});

describe("the viewer's WebSocket", () => {
  it('refuses an upgrade without a portal session, and closes one whose ticket is not the user’s', async () => {
    // injectWS makes a request without a socket: it needs an address, as every request does.
    const socket = { remoteAddress: TEST_ADDRESSES.sweden } as Socket;
    await expect(t.app.injectWS('/api/desktop/vnc?ticket=x', { socket })).rejects.toThrow(
      'Unexpected server response: 401',
    );

    const browser = await browserOf('member');
    const viewer = await t.app.injectWS('/api/desktop/vnc?ticket=x', {
      socket,
      headers: { cookie: `${SESSION_COOKIE}=${browser.cookie(SESSION_COOKIE)}` },
    });
    const code = await new Promise<number>((resolve) => viewer.on('close', resolve));
    expect(code).toBe(CLOSE.refused);
  });
});
