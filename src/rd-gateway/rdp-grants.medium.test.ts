import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createOtpUser, type TestUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { loadConfig } from '../config/load.js';
import { desktopHousekeeping } from '../desktop/desktop-housekeeping.js';
import { addHost } from '../desktop/host-registry.js';
import { consumeGatewayToken, consumeLogonSecret, issueRdpGrant } from './rdp-grants.js';

let testDb: TestDatabase;
let user: TestUser;
let other: TestUser;
let sessionId: string;
const at = new Date('2026-11-20T10:00:00Z');
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
const ip = '192.0.2.10';

beforeAll(async () => {
  testDb = await createTestDatabase();
  user = await createOtpUser(testDb.db, { username: 'rdp.user' });
  other = await createOtpUser(testDb.db, { username: 'rdp.other' });
  await addHost(testDb.db, 'sh-01', 2, SYSTEM_ACTOR);
  await addHost(testDb.db, 'sh-02', 2, SYSTEM_ACTOR);
  const row = await testDb.db
    .insertInto('desktop_sessions')
    .values({
      user_id: user.id,
      host_name: 'sh-01',
      state: 'running',
      vnc_password: 'abcdefgh',
      started_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  sessionId = row.id;
});

afterAll(async () => {
  await testDb?.drop();
});

const grant = () =>
  issueRdpGrant(
    testDb.db,
    { sessionId, userId: user.id, clientIp: ip, targetHost: 'sh-01', targetPort: 3389, validSeconds: 120 },
    at,
  );

describe('RDP grants', () => {
  it('open one tunnel, once, from the address that downloaded the file, in time', async () => {
    const { gatewayToken } = await grant();
    expect(await consumeGatewayToken(testDb.db, gatewayToken, ip, later(5))).toEqual({
      ok: true,
      grant: {
        sessionId,
        hostName: 'sh-01',
        userId: user.id,
        username: 'rdp.user',
        host: 'sh-01',
        port: 3389,
      },
    });
    expect(await consumeGatewayToken(testDb.db, gatewayToken, ip, later(6))).toMatchObject({
      reason: 'unknown-or-used',
    });

    const stolen = (await grant()).gatewayToken;
    expect(await consumeGatewayToken(testDb.db, stolen, '198.51.100.7', later(5))).toMatchObject({
      reason: 'other-address',
    });
    // Tried from elsewhere, it is spent: the rightful owner downloads a new file.
    expect(await consumeGatewayToken(testDb.db, stolen, ip, later(6))).toMatchObject({
      reason: 'unknown-or-used',
    });

    const old = (await grant()).gatewayToken;
    expect(await consumeGatewayToken(testDb.db, old, ip, later(121))).toMatchObject({ reason: 'expired' });
  });

  it('log in once, after the tunnel, for that user on that host only', async () => {
    const { gatewayToken, logonSecret } = await grant();
    const login = { hostName: 'sh-01', userId: user.id, secret: logonSecret };
    // Before the tunnel: the secret alone opens nothing.
    expect(await consumeLogonSecret(testDb.db, login, later(1))).toBeNull();
    await consumeGatewayToken(testDb.db, gatewayToken, ip, later(2));
    expect(await consumeLogonSecret(testDb.db, { ...login, userId: other.id }, later(3))).toBeNull();
    expect(await consumeLogonSecret(testDb.db, login, later(3))).toEqual({ sessionId });
    expect(await consumeLogonSecret(testDb.db, login, later(4))).toBeNull();
  });

  it('refuse a secret presented on another host without spending it, so that its own host still logs in', async () => {
    const { gatewayToken, logonSecret } = await grant();
    await consumeGatewayToken(testDb.db, gatewayToken, ip, later(2));
    const login = { hostName: 'sh-01', userId: user.id, secret: logonSecret };
    expect(await consumeLogonSecret(testDb.db, { ...login, hostName: 'sh-02' }, later(3))).toBeNull();
    expect(await consumeLogonSecret(testDb.db, login, later(4))).toEqual({ sessionId });
  });

  it('let the login follow a tunnel opened just before the file expired', async () => {
    const { gatewayToken, logonSecret } = await grant();
    await consumeGatewayToken(testDb.db, gatewayToken, ip, later(119));
    const login = { hostName: 'sh-01', userId: user.id, secret: logonSecret };
    expect(await consumeLogonSecret(testDb.db, login, later(150))).toEqual({ sessionId });
  });

  it('open nothing for a session that has ended', async () => {
    const { gatewayToken } = await grant();
    await testDb.db
      .updateTable('desktop_sessions')
      .set({ state: 'ended', ended_at: later(1), end_reason: 'logout' })
      .where('id', '=', sessionId)
      .execute();
    expect(await consumeGatewayToken(testDb.db, gatewayToken, ip, later(2))).toMatchObject({
      reason: 'session-ended',
    });
  });
});

// Last: housekeeping also ends the test's session, whose host never reported.
describe('desktop housekeeping', () => {
  it('forgets grants an hour after their files expired, and only those', async () => {
    await grant();
    const count = async () =>
      (await testDb.db.selectFrom('rdp_grants').select('token_sha256').execute()).length;
    const before = await count();
    const settings = loadConfig({ env: {} }).desktop;
    await desktopHousekeeping({ db: testDb.db, settings, now: () => later(120 + 3599) });
    expect(await count()).toBe(before);
    await desktopHousekeeping({ db: testDb.db, settings, now: () => later(120 + 3601) });
    expect(await count()).toBe(0);
  });
});
