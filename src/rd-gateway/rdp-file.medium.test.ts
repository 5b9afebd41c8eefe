import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { refuseAuditEvents } from '../../test/audit-refusal.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_ADDRESSES } from '../../test/geoip.js';
import { TestBrowser } from '../../test/http-client.js';
import { RecordingAgent } from '../../test/recording-agent.js';
import { createOtpUser, logInWithOtp, type TestUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { addHost } from '../desktop/host-registry.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { tokenDigest } from '../identity/tokens.js';
import { generateSelfSignedSigner } from './rdp-file/signing-certificate.js';

let testDb: TestDatabase;
let t: TestApp;
let clock = new Date('2026-11-20T10:00:00Z');
let alice: TestUser;
let agent: RecordingAgent;
let hostSecret: string;
const signer = generateSelfSignedSigner('Test Statistics Office');

async function report(rdpPort: number | null) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/hosts/register',
    headers: { authorization: `Bearer ${hostSecret}`, 'x-mona-host': 'sh-rdp' },
    payload: { agentUrl: agent.url, agentToken: agent.token, capacity: 5, sessions: [], rdpPort },
  });
  expect(response.statusCode).toBe(200);
}

/** Each login a minute later: a TOTP code is accepted once. */
async function loggedIn(user: TestUser, address = TEST_ADDRESSES.sweden) {
  clock = new Date(clock.getTime() + 60_000);
  await testDb.db.updateTable('session_hosts').set({ last_seen_at: clock }).execute();
  const browser = new TestBrowser(t.app, address);
  await logInWithOtp(browser, user, clock);
  return browser;
}

/** The file's properties, name to line. */
function properties(file: string): Map<string, string> {
  const lines = file.split('\r\n').filter(Boolean);
  return new Map(lines.map((line) => [line.split(':')[0] ?? '', line]));
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  t = await buildTestApp(testDb.db, {
    now: () => clock,
    rdp: { signer, gatewayHost: 'gateway.example.org:443', fileSeconds: 120 },
  });
  alice = await createOtpUser(testDb.db, { username: 'alice.rdp', termsAcceptedAt: new Date('2026-11-01') });
  agent = new RecordingAgent();
  await agent.listen();
  hostSecret = await addHost(testDb.db, 'sh-rdp', 5, SYSTEM_ACTOR);
});

afterAll(async () => {
  agent?.close();
  await t?.app.close();
  await testDb?.drop();
});

describe('POST /api/desktop/rdp', () => {
  it('is not offered while no host runs xrdp', async () => {
    await report(null);
    const browser = await loggedIn(alice);
    expect((await browser.get('/api/desktop')).json().rdpFile).toBeNull();
    const refused = await browser.post('/api/desktop/rdp', {});
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('NO_SESSION_HOST');
    expect(agent.started).toHaveLength(0);
  });

  it('starts the session and hands out a signed single-use file for it, bound to the address', async () => {
    await report(3389);
    const browser = await loggedIn(alice);
    expect((await browser.get('/api/desktop')).json().rdpFile).toEqual({ validSeconds: 120 });
    const response = await browser.post('/api/desktop/rdp', {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-rdp; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const name = /^attachment; filename="(launch[0-9a-f]{8}\.rdp)"$/.exec(
      String(response.headers['content-disposition']),
    )?.[1];
    expect(name).toBeDefined();
    expect(agent.started).toHaveLength(1);

    const file = properties(response.body);
    expect(file.get('full address')).toBe('full address:s:sh-rdp:3389');
    expect(file.get('gatewayhostname')).toBe('gatewayhostname:s:gateway.example.org:443');
    expect(file.get('use multimon')).toBe('use multimon:i:0');
    expect(file.get('redirectclipboard')).toBe('redirectclipboard:i:0');
    expect(file.get('signscope')).toMatch(/^signscope:s:Full Address,/);
    expect(file.get('signature')).toMatch(/^signature:s:[A-Za-z0-9+/=]{100,}$/);
    const token = file.get('gatewayaccesstoken')?.slice('gatewayaccesstoken:s:'.length) ?? '';
    const [unixUser, secret] = (file.get('username')?.slice('username:s:'.length) ?? '').split('\x1f');
    expect(unixUser).toBe('m-alice_rdp');
    expect(secret).toMatch(/^[0-9a-f]{48}$/);

    // Only hashes are kept, bound to the session, the user, the address and two minutes.
    const grant = await testDb.db
      .selectFrom('rdp_grants')
      .selectAll()
      .where('token_sha256', '=', tokenDigest(token))
      .executeTakeFirstOrThrow();
    expect(grant).toMatchObject({
      user_id: alice.id,
      session_id: agent.started[0]?.sessionId,
      client_ip: TEST_ADDRESSES.sweden,
      target_host: 'sh-rdp',
      target_port: 3389,
      tunnel_at: null,
    });
    expect(grant.expires_at.getTime() - clock.getTime()).toBe(120_000);
    expect(grant.logon_sha256).toEqual(tokenDigest(secret ?? ''));
    const audit = await testDb.db
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('action', '=', 'desktop.rdp_file_issued')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: alice.id, details: { file: name, host: 'sh-rdp' } });
    expect(JSON.stringify(audit)).not.toContain(token);

    // A second file is for the same session: the desktop is resumed, not started again.
    expect((await browser.post('/api/desktop/rdp', {})).statusCode).toBe(200);
    expect(agent.started).toHaveLength(1);
  });

  it('keeps no grant whose audit event could not be written', async () => {
    await report(3389);
    const browser = await loggedIn(alice);
    const grants = async () =>
      (await testDb.db.selectFrom('rdp_grants').select('token_sha256').execute()).length;
    const before = await grants();
    const allowAudit = await refuseAuditEvents(testDb.superuser(), 'desktop.rdp_file_issued');
    try {
      expect((await browser.post('/api/desktop/rdp', {})).statusCode).toBe(500);
    } finally {
      await allowAudit();
    }
    expect(await grants()).toBe(before);
  });

  it('needs a login and terms accepted before it', async () => {
    expect(
      (await new TestBrowser(t.app, TEST_ADDRESSES.sweden).post('/api/desktop/rdp', {})).statusCode,
    ).toBe(401);
    const newcomer = await createOtpUser(testDb.db, { username: 'new.rdp' });
    const noTerms = await loggedIn(newcomer);
    expect((await noTerms.post('/api/desktop/rdp', {})).json().error.code).toBe('DESKTOP_NOT_ALLOWED');
  });
});
