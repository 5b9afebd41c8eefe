import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { FakeVncServer } from '../../test/fake-vnc-server.js';
import { TEST_ADDRESSES } from '../../test/geoip.js';
import { TestBrowser } from '../../test/http-client.js';
import { createTestProject } from '../../test/projects.js';
import { RecordingAgent } from '../../test/recording-agent.js';
import { createOtpUser, logInWithOtp, type TestUser } from '../../test/users.js';
import type { DesktopSpec } from '../agent-api/desktop-spec.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { tokenDigest } from '../identity/tokens.js';
import { addNotice } from '../notices/notice-service.js';
import { addMember } from '../projects/project-service.js';
import { ByteQueue } from '../rfb/byte-queue.js';
import { addSoftware, grantSoftware } from '../software/software-service.js';
import { desktopHousekeeping } from './desktop-housekeeping.js';
import { addHost } from './host-registry.js';
import { connectionClosed, connectionOpened } from './session-connections.js';
import { consumeTicket } from './session-tickets.js';

let testDb: TestDatabase;
let t: TestApp;
let clock = new Date('2026-11-20T10:00:00Z');
const now = () => clock;
let alice: TestUser;
let bob: TestUser;

async function hostCall(name: string, secret: string, path: string, body: unknown) {
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: { authorization: `Bearer ${secret}`, 'x-mona-host': name },
    payload: body as Record<string, unknown>,
  });
}

async function registerAgent(name: string, agent: RecordingAgent, capacity = 5) {
  const secret = await addHost(testDb.db, name, capacity, SYSTEM_ACTOR);
  const response = await hostCall(name, secret, '/api/hosts/register', {
    agentUrl: agent.url,
    agentToken: agent.token,
    capacity,
    sessions: [],
  });
  expect(response.statusCode).toBe(200);
  return secret;
}

/** The test's clock jumps an hour per test: the hosts have reported meanwhile. */
async function loggedIn(user: TestUser, address: string = TEST_ADDRESSES.sweden) {
  await testDb.db.updateTable('session_hosts').set({ last_seen_at: clock }).execute();
  const browser = new TestBrowser(t.app, address);
  await logInWithOtp(browser, user, clock);
  return browser;
}

/** From now on the only host taking new sessions: one of its own. */
async function onlyHost(name: string, capacity: number) {
  const agent = await newAgent();
  const secret = await registerAgent(name, agent, capacity);
  await testDb.db.updateTable('session_hosts').set({ enabled: false }).where('name', '<>', name).execute();
  return { agent, secret };
}

/** A new user with the terms accepted, logged in, with a desktop session opened. */
async function userWithDesktop(username: string) {
  const user = await createOtpUser(testDb.db, { username, termsAcceptedAt: new Date('2026-11-01') });
  const browser = await loggedIn(user);
  const sessionId: string = (await browser.post('/api/desktop/open', {})).json().sessionId;
  return { user, browser, sessionId };
}

async function sessionRow(sessionId: string) {
  return testDb.db
    .selectFrom('desktop_sessions')
    .select(['state', 'end_reason'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
}

async function auditActions(): Promise<string[]> {
  const rows = await testDb.db.selectFrom('audit_events').select('action').orderBy('seq').execute();
  return rows.map((row) => row.action);
}

/** Until this many of the database's connections wait for a lock another holds. */
async function waitingForLocks(owner: Db, count: number): Promise<void> {
  for (let tries = 0; tries < 500; tries += 1) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(owner);
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${count} connections wait for a lock`);
}

const agents: RecordingAgent[] = [];
async function newAgent() {
  const agent = new RecordingAgent();
  await agent.listen();
  agents.push(agent);
  return agent;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  t = await buildTestApp(testDb.db, {
    now,
    env: { MONA_DESKTOP__DISCONNECTED_SECONDS: '3600', MONA_DESKTOP__HOST_LOST_SECONDS: '60' },
  });
  const accepted = new Date('2026-11-01T00:00:00Z');
  alice = await createOtpUser(testDb.db, { username: 'alice.desk', termsAcceptedAt: accepted });
  bob = await createOtpUser(testDb.db, { username: 'bob.desk', termsAcceptedAt: accepted });
  await createTestProject(testDb.db, 'P7001');
  await addMember(testDb.db, 'P7001', 'alice.desk', 'member', SYSTEM_ACTOR);
});

afterAll(async () => {
  for (const agent of agents) agent.close();
  await t?.app.close();
  await testDb?.drop();
});

beforeEach(() => {
  clock = new Date(clock.getTime() + 3600_000);
});

describe('session hosts', () => {
  it('refuse an agent with a wrong secret or an unknown name, and a report from a superseded agent', async () => {
    const agent = await newAgent();
    const secret = await addHost(testDb.db, 'host-auth', 2, SYSTEM_ACTOR);
    const report = { agentUrl: agent.url, agentToken: agent.token, capacity: 2, sessions: [] };
    expect((await hostCall('host-auth', 'mh_wrong', '/api/hosts/register', report)).json().error.code).toBe(
      'HOST_NOT_AUTHENTICATED',
    );
    expect((await hostCall('no-such-host', secret, '/api/hosts/register', report)).statusCode).toBe(401);
    expect((await hostCall('host-auth', secret, '/api/hosts/register', report)).statusCode).toBe(200);
    const stale = await hostCall('host-auth', secret, '/api/hosts/report', {
      ...report,
      agentToken: 'x'.repeat(43),
    });
    expect(stale.json().error.code).toBe('HOST_REGISTRATION_STALE');
    await testDb.db
      .updateTable('session_hosts')
      .set({ enabled: false })
      .where('name', '=', 'host-auth')
      .execute();
  });
});

describe('opening the desktop', () => {
  it('is refused before the terms were accepted before this login', async () => {
    const carol = await createOtpUser(testDb.db, { username: 'carol.desk' });
    const browser = await loggedIn(carol);
    expect((await browser.get('/api/desktop')).json()).toMatchObject({ allowed: false, session: null });
    expect((await browser.post('/api/desktop/open', {})).json().error.code).toBe('DESKTOP_NOT_ALLOWED');
  });

  it('says so when no host is up', async () => {
    const browser = await loggedIn(bob);
    expect((await browser.get('/api/desktop')).json()).toMatchObject({ available: false, allowed: true });
    const response = await browser.post('/api/desktop/open', {});
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('NO_SESSION_HOST');
  });

  it('starts a session on a host with the user, folders and notices, then resumes it', async () => {
    // A closure announced well ahead: the tests' clock never reaches it.
    const closure = { from: new Date('2027-06-01T14:00:00Z'), until: new Date('2027-06-01T22:00:00Z') };
    await addNotice(
      testDb.db,
      {
        en: 'Closed on 1 June',
        sv: 'Stängt den 1 juni',
        shownFrom: new Date(clock.getTime() - 60_000),
        shownUntil: closure.until,
        closure,
      },
      SYSTEM_ACTOR,
    );
    const agent = await newAgent();
    await registerAgent('host-a', agent);
    const browser = await loggedIn(alice);
    const first = await browser.post('/api/desktop/open', {});
    expect(first.statusCode).toBe(200);
    const opened = first.json();
    expect(opened.websocketPath).toBe(`/api/desktop/vnc?ticket=${opened.ticket}`);
    expect(agent.started).toHaveLength(1);
    const spec = agent.started[0] as DesktopSpec;
    expect(spec).toMatchObject({
      sessionId: opened.sessionId,
      unixUser: 'm-alice_desk',
      language: 'en',
      keyboard: 'us',
    });
    expect(spec.projects.map((p) => p.id)).toEqual(['P7001']);
    expect(spec.myDocuments).toMatch(/home\/alice\.desk\/My Documents$/);
    expect(spec.vncPassword).toMatch(/^[A-Za-z0-9]{8}$/);
    // The welcome window's notices (R18), in the language of the browser that opened it.
    expect(spec.notices).toContainEqual({
      text: 'Closed on 1 June',
      closedFrom: closure.from.toISOString(),
      closedUntil: closure.until.toISOString(),
    });

    const again = (await browser.post('/api/desktop/open', {})).json();
    expect(again.sessionId).toBe(opened.sessionId);
    expect(again.ticket).not.toBe(opened.ticket);
    expect(agent.started).toHaveLength(1);

    const status = (await browser.get('/api/desktop')).json();
    expect(status.session).toMatchObject({
      id: opened.sessionId,
      state: 'running',
      connected: false,
      host: 'host-a',
    });
    expect(status.session.endsAt).not.toBeNull();
    // The browser never learns the VNC password.
    expect(JSON.stringify(status) + JSON.stringify(opened)).not.toContain(spec.vncPassword);
    expect(await auditActions()).toContain('desktop.session_started');
  });

  it("starts a session in the language chosen in the portal, whatever the browser's, and refuses another", async () => {
    const agent = (await onlyHost('host-language', 5)).agent;
    const user = await createOtpUser(testDb.db, {
      username: 'sara.desk',
      termsAcceptedAt: new Date('2026-11-01'),
    });
    const browser = await loggedIn(user);
    expect((await browser.post('/api/desktop/open', { language: 'fi' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    const opened = await browser.post('/api/desktop/open', { language: 'sv' });
    expect(opened.statusCode).toBe(200);
    expect(agent.started[0]).toMatchObject({ username: 'sara.desk', language: 'sv', keyboard: 'se' });
  });

  it('puts a new session on the least loaded host', async () => {
    const agent = await newAgent();
    await registerAgent('host-b', agent);
    const browser = await loggedIn(bob);
    const opened = (await browser.post('/api/desktop/open', {})).json();
    const session = await testDb.db
      .selectFrom('desktop_sessions')
      .select('host_name')
      .where('id', '=', opened.sessionId)
      .executeTakeFirstOrThrow();
    // host-a carries alice's session; host-b carried none.
    expect(session.host_name).toBe('host-b');
    expect(agent.started[0]?.unixUser).toBe('m-bob_desk');
    expect(agent.started[0]?.projects).toEqual([]);
  });
});

describe('tickets', () => {
  it('open one connection, once, for their user, from their address, in time', async () => {
    const browser = await loggedIn(alice);
    const ip = browser.remoteAddress;
    const ticketFor = async () => (await browser.post('/api/desktop/open', {})).json().ticket as string;
    const deps = { db: testDb.db, now };

    const once = await ticketFor();
    expect((await consumeTicket(deps, once, { userId: alice.id, ip })).ok).toBe(true);
    expect(await consumeTicket(deps, once, { userId: alice.id, ip })).toMatchObject({
      reason: 'unknown-or-used',
    });

    expect(await consumeTicket(deps, await ticketFor(), { userId: bob.id, ip })).toMatchObject({
      reason: 'other-user',
    });
    expect(
      await consumeTicket(deps, await ticketFor(), { userId: alice.id, ip: '192.0.2.99' }),
    ).toMatchObject({
      reason: 'other-address',
    });
    const late = await ticketFor();
    const later = () => new Date(clock.getTime() + 61_000);
    expect(await consumeTicket({ db: testDb.db, now: later }, late, { userId: alice.id, ip })).toMatchObject({
      reason: 'expired',
    });
    // A refused ticket is used up too: trying again from the right place does not work.
    expect(await consumeTicket(deps, late, { userId: alice.id, ip })).toMatchObject({
      reason: 'unknown-or-used',
    });
  });

  describe("the viewer's WebSocket", () => {
    // A real server: the gateway needs the connection's address, and the country comes from
    // X-Forwarded-For, which only a trusted proxy may set.
    let proxied: TestApp;
    let port: number;
    beforeAll(async () => {
      proxied = await buildTestApp(testDb.db, { now, env: { MONA_HTTP__TRUSTED_PROXIES: '[127.0.0.1]' } });
      await proxied.app.listen({ host: '127.0.0.1', port: 0 });
      port = (proxied.app.server.address() as AddressInfo).port;
    });
    afterAll(() => proxied.app.close());

    /** Opens the viewer's WebSocket with `ticket` from `address`: how the gateway closed it, or why it could not open. */
    function viewerSocket(browser: TestBrowser, ticket: string, address: string) {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/desktop/vnc?ticket=${ticket}`, {
        headers: {
          cookie: `__Host-mona-session=${browser.cookie('__Host-mona-session')}`,
          'x-forwarded-for': address,
        },
      });
      return new Promise<{ code: number; reason: string } | { failed: string }>((resolve) => {
        ws.on('error', (error) => resolve({ failed: error.message }));
        ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      });
    }

    it('is refused from a country that is not approved, which ends the portal session and leaves the ticket unused', async () => {
      const browser = await loggedIn(alice);
      const ticket = (await browser.post('/api/desktop/open', {})).json().ticket;
      expect(await viewerSocket(browser, ticket, TEST_ADDRESSES.usa)).toEqual({
        failed: 'Unexpected server response: 403',
      });
      const row = await testDb.db
        .selectFrom('desktop_tickets')
        .select('used_at')
        .where('token_sha256', '=', tokenDigest(ticket))
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
      expect((await browser.get('/api/session')).json().error).toMatchObject({
        code: 'NOT_AUTHENTICATED',
        fields: [{ field: 'reason', problem: 'country' }],
      });
    });

    it('is closed without a valid ticket, and the refusal audited', async () => {
      const browser = await loggedIn(alice);
      expect(await viewerSocket(browser, 'A'.repeat(43), TEST_ADDRESSES.sweden)).toEqual({
        code: 4003,
        reason: 'unknown-or-used',
      });
      expect(await auditActions()).toContain('desktop.ticket_refused');
    });
  });
});

describe('the session timers and host reports', () => {
  it('end a session left disconnected beyond the limit (R26) and tell its host', async () => {
    const browser = await loggedIn(bob);
    const sessionId = (await browser.post('/api/desktop/open', {})).json().sessionId;
    const agent = agents.find((a) => a.started.some((s) => s.sessionId === sessionId)) as RecordingAgent;
    const deps = { db: testDb.db, now, settings: t.config.desktop };
    await desktopHousekeeping(deps);
    clock = new Date(clock.getTime() + 3601_000);
    // The hosts stay in touch meanwhile.
    await testDb.db.updateTable('session_hosts').set({ last_seen_at: clock }).execute();
    await desktopHousekeeping(deps);
    expect(await sessionRow(sessionId)).toEqual({ state: 'ended', end_reason: 'disconnected-limit' });
    expect(agent.ended).toContain(sessionId);
  });

  it('keep a connected session, but not one whose gateway went silent', async () => {
    const browser = await loggedIn(bob);
    const sessionId = (await browser.post('/api/desktop/open', {})).json().sessionId;
    const session = { id: sessionId, user_id: bob.id };
    await connectionOpened({ db: testDb.db, now }, session, {
      via: 'browser',
      ip: '192.0.2.10',
      actor: { id: bob.id, label: bob.username },
    });
    await testDb.db
      .updateTable('session_hosts')
      .set({ last_seen_at: new Date(clock.getTime() + 3700_000) })
      .execute();
    clock = new Date(clock.getTime() + 3700_000);
    const deps = { db: testDb.db, now, settings: t.config.desktop };
    await desktopHousekeeping(deps);
    // The connection has not been refreshed for an hour: closed as gateway-lost, the countdown starts now.
    const row = await testDb.db
      .selectFrom('desktop_sessions')
      .select(['state', 'disconnected_at'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('running');
    expect(row.disconnected_at?.toISOString()).toBe(clock.toISOString());
  });

  it('end as lost what a host no longer reports, and stop there what the platform ended', async () => {
    const { agent, secret } = await onlyHost('host-c', 1);
    const { browser, sessionId } = await userWithDesktop('dave.desk');
    clock = new Date(clock.getTime() + 120_000);
    const orphan = '00000000-0000-4000-8000-000000000001';
    const answer = await hostCall('host-c', secret, '/api/hosts/report', {
      agentUrl: agent.url,
      agentToken: agent.token,
      capacity: 1,
      sessions: [orphan],
    });
    expect(answer.json()).toEqual({ stop: [orphan] });
    expect(await sessionRow(sessionId)).toEqual({ state: 'ended', end_reason: 'lost' });
    // The viewer and the desktop page say why, as recorded.
    expect((await browser.get('/api/desktop')).json()).toMatchObject({
      session: null,
      lastEnded: { reason: 'lost' },
    });
  });

  it('lease licence seats to the programs of a session through its host, and free them at logout (R28)', async () => {
    const { agent, secret } = await onlyHost('host-l', 3);
    await addSoftware(
      testDb.db,
      {
        id: 'stata',
        name: 'Stata',
        description: { en: 'one seat', sv: '' },
        command: ['/bin/true'],
        seats: 1,
        listed: true,
      },
      SYSTEM_ACTOR,
    );
    await grantSoftware(testDb.db, 'P7001', 'stata', SYSTEM_ACTOR);
    // The catalogue is published to anyone (R19), without how programs are started.
    const published = (await t.app.inject({ method: 'GET', url: '/api/software' })).json();
    expect(published.software).toContainEqual({
      id: 'stata',
      name: 'Stata',
      description: { en: 'one seat', sv: '' },
      seats: 1,
    });
    expect(JSON.stringify(published)).not.toContain('/bin/true');
    const browser = await loggedIn(alice);
    const sessionId = (await browser.post('/api/desktop/open', {})).json().sessionId;
    expect(agent.started.at(-1)?.software.map((s) => s.id)).toContain('stata');
    const checkout = (body: unknown) =>
      hostCall('host-l', secret, `/api/hosts/sessions/${sessionId}/licences/checkout`, body);
    const first = (await checkout({ software: 'stata' })).json();
    expect(first.leased).toBe(true);
    expect((await checkout({ software: 'stata' })).json()).toEqual({
      leased: false,
      message: 'No free licence for Stata right now: the only one is in use. Try again later.',
    });
    const returned = await hostCall('host-l', secret, `/api/hosts/sessions/${sessionId}/licences/return`, {
      leaseId: first.leaseId,
    });
    expect(returned.statusCode).toBe(204);
    expect((await checkout({ software: 'stata' })).json().leased).toBe(true);
    await hostCall('host-l', secret, `/api/hosts/sessions/${sessionId}/logout`, {});
    const live = await testDb.db
      .selectFrom('licence_leases')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('returned_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    expect((await checkout({ software: 'stata' })).statusCode).toBe(404);
  });

  it('end every running session of a host that went silent, as lost', async () => {
    const { agent } = await onlyHost('host-s', 2);
    const { sessionId } = await userWithDesktop('frank.desk');
    clock = new Date(clock.getTime() + 61_000);
    await testDb.db
      .updateTable('session_hosts')
      .set({ last_seen_at: clock })
      .where('name', '<>', 'host-s')
      .execute();
    await desktopHousekeeping({ db: testDb.db, now, settings: t.config.desktop });
    expect(await sessionRow(sessionId)).toEqual({ state: 'ended', end_reason: 'lost' });
    // Nothing told a host that cannot hear.
    expect(agent.ended).not.toContain(sessionId);
  });

  it('leave the desktop session alone when the user logs out of the portal (R29)', async () => {
    await onlyHost('host-r', 2);
    const { user, browser, sessionId } = await userWithDesktop('gina.desk');
    expect((await browser.post('/api/session/logout', {})).statusCode).toBe(200);
    expect((await sessionRow(sessionId)).state).toBe('running');
    clock = new Date(clock.getTime() + 30_000); // the next login needs the next TOTP code
    const again = await loggedIn(user);
    expect((await again.get('/api/desktop')).json().session.id).toBe(sessionId);
  });

  it('keep the portal session alive while a desktop is connected (R30)', async () => {
    // Short portal limits, so that the gateway's keepalive comes every few seconds.
    const fast = await buildTestApp(testDb.db, {
      now,
      env: { MONA_IDENTITY__SESSION_IDLE_SECONDS: '30', MONA_IDENTITY__SESSION_WARNING_SECONDS: '15' },
    });
    const dir = await mkdtemp(join(tmpdir(), 'mona-desktop-vnc-'));
    let vnc: FakeVncServer | null = null;
    try {
      const { agent } = await onlyHost('host-v', 2);
      const user = await createOtpUser(testDb.db, {
        username: 'hal.desk',
        termsAcceptedAt: new Date('2026-11-01'),
      });
      await testDb.db.updateTable('session_hosts').set({ last_seen_at: clock }).execute();
      const browser = new TestBrowser(fast.app, '127.0.0.1');
      await logInWithOtp(browser, user, clock);
      const opened = (await browser.post('/api/desktop/open', {})).json();
      const session = await testDb.db
        .selectFrom('desktop_sessions')
        .select('vnc_password')
        .where('id', '=', opened.sessionId)
        .executeTakeFirstOrThrow();
      vnc = new FakeVncServer(dir, 8, session.vnc_password);
      await vnc.listen();
      agent.vncPath = vnc.path;

      // A real server: the gateway needs the connection's address.
      await fast.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = fast.app.server.address() as AddressInfo;
      const ws = new WebSocket(`ws://127.0.0.1:${port}${opened.websocketPath}`, {
        headers: { cookie: `__Host-mona-session=${browser.cookie('__Host-mona-session')}` },
      });
      const received = new ByteQueue();
      ws.on('message', (data: Buffer) => received.push(data));
      expect((await received.read(12)).toString()).toBe('RFB 003.008\n');
      ws.send(Buffer.from('RFB 003.008\n'));
      expect([...(await received.read(2))]).toEqual([1, 1]);
      ws.send(Buffer.from([1]));
      expect((await received.read(4)).readUInt32BE(0)).toBe(0);
      ws.send(Buffer.from([1]));
      expect((await received.read(4)).readUInt16BE(0)).toBe(800);

      // Past the portal's 30 s idle limit, with nothing done in the portal: the open desktop kept it.
      clock = new Date(clock.getTime() + 25_000);
      const beat = clock;
      // The gateway's next keepalive (every 5 s here) reports the desktop's activity at that time.
      await vi.waitFor(
        async () => {
          const portal = await testDb.db
            .selectFrom('portal_sessions')
            .select('last_activity_at')
            .where('user_id', '=', user.id)
            .executeTakeFirstOrThrow();
          expect(portal.last_activity_at).toEqual(beat);
        },
        { timeout: 15_000, interval: 100 },
      );
      clock = new Date(clock.getTime() + 20_000);
      expect((await browser.get('/api/session')).statusCode).toBe(200);

      ws.close();
      clock = new Date(clock.getTime() + 31_000);
      expect((await browser.get('/api/session')).statusCode).toBe(401);
    } finally {
      await vnc?.close();
      await fast.app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("set the keyboard layout of the user's own running desktop only, and end it from the portal", async () => {
    const { agent } = await onlyHost('host-k', 2);
    const { browser, sessionId } = await userWithDesktop('ida.desk');
    expect((await browser.post('/api/desktop/keyboard', { layout: 'se' })).statusCode).toBe(204);
    expect(agent.layouts).toEqual([`${sessionId}:se`]);
    expect((await browser.post('/api/desktop/keyboard', { layout: 'fr' })).statusCode).toBe(400);
    const { browser: other } = await userWithDesktop('jan.desk');
    await other.post('/api/desktop/end', {});
    // Jan's desktop has ended: his requests touch nothing of Ida's.
    expect((await other.post('/api/desktop/keyboard', { layout: 'us' })).json().error.code).toBe('NOT_FOUND');
    expect((await other.post('/api/desktop/end', {})).json().error.code).toBe('NOT_FOUND');
    expect(agent.layouts).toEqual([`${sessionId}:se`]);

    // End session in the portal: as Log out in the start menu (R28).
    expect((await browser.post('/api/desktop/end', {})).statusCode).toBe(204);
    expect(await sessionRow(sessionId)).toEqual({ state: 'ended', end_reason: 'logout' });
    expect(agent.ended).toContain(sessionId);
    expect((await browser.get('/api/desktop')).json()).toMatchObject({
      session: null,
      lastEnded: { reason: 'logout' },
    });
    // Jan hears of his own session's end too.
    expect((await other.get('/api/desktop')).json().lastEnded).toMatchObject({ reason: 'logout' });
  });

  it('end a session from the portal while its viewer closes at the same moment', async () => {
    await onlyHost('host-race', 2);
    const { user, browser, sessionId } = await userWithDesktop('race.desk');
    const actor = { id: user.id, label: user.username };
    const connectionId = await connectionOpened(
      { db: testDb.db, now },
      { id: sessionId, user_id: user.id },
      {
        via: 'browser',
        ip: '192.0.2.10',
        actor,
      },
    );
    // Both wait for the session's row, held here, so that they run into each other when it is let go.
    const owner = testDb.superuser();
    let letGo = () => {};
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let locked = () => {};
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const holder = owner.transaction().execute(async (trx) => {
      await sql`SELECT 1 FROM desktop_sessions WHERE id = ${sessionId} FOR UPDATE`.execute(trx);
      locked();
      await held;
    });
    await holding;
    const ending = browser.post('/api/desktop/end', {});
    await waitingForLocks(owner, 1);
    const closing = connectionClosed({ db: testDb.db, now }, connectionId, 'closed by the client', actor);
    await waitingForLocks(owner, 2);
    letGo();
    await holder;

    expect((await ending).statusCode).toBe(204);
    await closing;
    expect(await sessionRow(sessionId)).toEqual({ state: 'ended', end_reason: 'logout' });
    const connection = await testDb.db
      .selectFrom('desktop_connections')
      .select('close_reason')
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(connection.close_reason).toBe('session-ended');
  });

  it('let only the host of a session log it out', async () => {
    const { agent, secret } = await onlyHost('host-d', 3);
    const { sessionId } = await userWithDesktop('eve.desk');
    const otherSecret = await addHost(testDb.db, 'host-e', 1, SYSTEM_ACTOR);
    const wrongHost = await hostCall('host-e', otherSecret, `/api/hosts/sessions/${sessionId}/logout`, {});
    expect(wrongHost.statusCode).toBe(404);
    const right = await hostCall('host-d', secret, `/api/hosts/sessions/${sessionId}/logout`, {});
    expect(right.statusCode).toBe(204);
    expect(await sessionRow(sessionId)).toEqual({ state: 'ended', end_reason: 'logout' });
    expect(agent.ended).toContain(sessionId);
  });
});

describe('two opens at once', () => {
  it('start one session and answer both with it, the second waiting for the first one’s start', async () => {
    const { agent } = await onlyHost('host-twice', 2);
    const user = await createOtpUser(testDb.db, {
      username: 'kim.desk',
      termsAcceptedAt: new Date('2026-11-01'),
    });
    const browser = await loggedIn(user);
    // The agent holds the start until the test releases it.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const arrived = new Promise<void>((resolve) => {
      agent.beforeStartAnswered = () => {
        resolve();
        return held;
      };
    });

    const first = browser.post('/api/desktop/open', {});
    const second = browser.post('/api/desktop/open', {});
    let answered = 0;
    for (const open of [first, second]) void open.then(() => answered++);
    await arrived;
    // The second open neither starts again nor gives up: it waits for the first one's start.
    expect(answered).toBe(0);
    release();

    const [one, two] = (await Promise.all([first, second])).map((response) => response.json());
    expect(two.sessionId).toBe(one.sessionId);
    expect(two.ticket).not.toBe(one.ticket);
    expect(agent.started).toHaveLength(1);
    const sessions = await testDb.db
      .selectFrom('desktop_sessions')
      .select(['id', 'state'])
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions).toEqual([{ id: one.sessionId, state: 'running' }]);
  });

  it('answer at once, for the user to retry, while another platform instance is starting the session', async () => {
    const { agent } = await onlyHost('host-elsewhere', 2);
    const user = await createOtpUser(testDb.db, {
      username: 'liv.desk',
      termsAcceptedAt: new Date('2026-11-01'),
    });
    // Another instance's start under way: its row, which it holds, and nothing in this process to wait on.
    const { id } = await testDb.db
      .insertInto('desktop_sessions')
      .values({
        user_id: user.id,
        host_name: 'host-elsewhere',
        state: 'starting',
        vnc_password: 'abcdefgh',
        started_at: clock,
        starting_until: new Date(clock.getTime() + 15_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const browser = await loggedIn(user);
    const refused = await browser.post('/api/desktop/open', {});
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error.code).toBe('DESKTOP_START_FAILED');

    // That start finished: the retry resumes its session.
    await testDb.db.updateTable('desktop_sessions').set({ state: 'running' }).where('id', '=', id).execute();
    expect((await browser.post('/api/desktop/open', {})).json().sessionId).toBe(id);
    expect(agent.started).toEqual([]);
  });

  it('start afresh when the start under way was abandoned: its process stopped holding it', async () => {
    const { agent } = await onlyHost('host-abandoned', 2);
    const user = await createOtpUser(testDb.db, {
      username: 'max.desk',
      termsAcceptedAt: new Date('2026-11-01'),
    });
    // A start whose process died a second after its hold was last renewed.
    const { id: abandoned } = await testDb.db
      .insertInto('desktop_sessions')
      .values({
        user_id: user.id,
        host_name: 'host-abandoned',
        state: 'starting',
        vnc_password: 'abcdefgh',
        started_at: new Date(clock.getTime() - 20_000),
        starting_until: new Date(clock.getTime() - 1000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const browser = await loggedIn(user);
    const opened = await browser.post('/api/desktop/open', {});
    expect(opened.statusCode).toBe(200);
    expect(opened.json().sessionId).not.toBe(abandoned);
    expect(await sessionRow(abandoned)).toEqual({ state: 'ended', end_reason: 'failed' });
    expect(await sessionRow(opened.json().sessionId)).toEqual({ state: 'running', end_reason: null });
    // Whatever the dead start left on the host is stopped.
    expect(agent.ended).toEqual([abandoned]);
  });

  it('are ended by the timers once abandoned, and not while their process holds them', async () => {
    const { agent } = await onlyHost('host-held', 2);
    const starting = async (username: string, startingUntil: Date) => {
      const user = await createOtpUser(testDb.db, { username });
      const row = await testDb.db
        .insertInto('desktop_sessions')
        .values({
          user_id: user.id,
          host_name: 'host-held',
          state: 'starting',
          vnc_password: 'abcdefgh',
          started_at: new Date(clock.getTime() - 3600_000),
          starting_until: startingUntil,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };
    // A slow start, an hour in and still renewed; one whose process died.
    const held = await starting('ned.desk', new Date(clock.getTime() + 5000));
    const dead = await starting('ola.desk', new Date(clock.getTime() - 5000));
    await desktopHousekeeping({ db: testDb.db, now, settings: t.config.desktop });
    expect(await sessionRow(held)).toEqual({ state: 'starting', end_reason: null });
    expect(await sessionRow(dead)).toEqual({ state: 'ended', end_reason: 'failed' });
    expect(agent.ended).toEqual([dead]);
  });
});
