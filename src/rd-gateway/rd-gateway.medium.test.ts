import { mkdtempSync, rmSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer, connect as netConnect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.js';
import { refuseAuditEvents } from '../../test/audit-refusal.js';
import { selfSignedCertificate } from '../../test/certificates.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { testCountryGate } from '../../test/geoip.js';
import { TsguClient } from '../../test/tsgu-client.js';
import { createOtpUser, type TestUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { addHost, registerHost, rotateHostSecret } from '../desktop/host-registry.js';
import { createAgentServer } from '../host-agent/agent-server.js';
import { createRdGateway } from './rd-gateway.js';
import { consumeGatewayToken, issueRdpGrant } from './rdp-grants.js';
import {
  E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
  HTTP_TUNNEL_REDIR_DISABLE_ALL,
  S_OK,
} from './tsgu/tsgu-codes.js';

const AGENT_TOKEN = 'agent-token-of-the-rdp-test-host-0123456789abcdef';
let testDb: TestDatabase;
let dir: string;
let user: TestUser;
let sessionId: string;
let rdpServer: Server;
let agent: HttpServer;
let gateway: Server;
let gatewayPort: number;

beforeAll(async () => {
  testDb = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'mona-rdgw-'));
  user = await createOtpUser(testDb.db, { username: 'rdp.client' });
  // The session host's RDP server, standing in for xrdp: it echoes.
  rdpServer = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => rdpServer.listen(0, '127.0.0.1', resolve));
  const rdpPort = (rdpServer.address() as AddressInfo).port;
  agent = createAgentServer(
    AGENT_TOKEN,
    {
      start: async () => ({ display: 20 }),
      end: async () => {},
      setKeyboard: async () => true,
      setProjects: async () => true,
      relayTarget: (id, kind) =>
        id === sessionId && kind === 'rdp' ? { host: '127.0.0.1', port: rdpPort } : null,
    },
    () => {},
  );
  await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
  await addHost(testDb.db, 'sh-01', 2, SYSTEM_ACTOR);
  const agentUrl = `http://127.0.0.1:${(agent.address() as AddressInfo).port}/`;
  await registerHost(
    testDb.db,
    'sh-01',
    { agentUrl, agentToken: AGENT_TOKEN, capacity: 2, rdpPort: 3389 },
    new Date(),
  );
  const row = await testDb.db
    .insertInto('desktop_sessions')
    .values({
      user_id: user.id,
      host_name: 'sh-01',
      state: 'running',
      vnc_password: 'abcdefgh',
      started_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  sessionId = row.id;
  ({ gateway, port: gatewayPort } = await startGateway(10));
});

afterAll(async () => {
  gateway?.close();
  agent?.close();
  rdpServer?.close();
  rmSync(dir, { recursive: true, force: true });
  await testDb?.drop();
});

/** A gateway on 127.0.0.1 that lets each address have `maxHandshakesPerAddress` connections in their handshake. */
async function startGateway(maxHandshakesPerAddress: number) {
  const server = createRdGateway(
    {
      db: testDb.db,
      gate: await testCountryGate({ allowPrivateNetworks: true }),
      now: () => new Date(),
      idleTimeoutMinutes: 30,
      maxConnections: 10,
      maxHandshakesPerAddress,
      // Out of the way of this test, which reads every packet; gateway-connection.test.ts covers it.
      keepaliveMs: 60_000,
      portalTimeouts: { idleSeconds: 300, warningSeconds: 90 },
    },
    selfSignedCertificate(dir, 'gateway'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { gateway: server, port: (server.address() as AddressInfo).port };
}

/** What downloading an RDP file from 127.0.0.1 grants. */
const newGrant = () =>
  issueRdpGrant(
    testDb.db,
    {
      sessionId,
      userId: user.id,
      clientIp: '127.0.0.1',
      targetHost: 'sh-01',
      targetPort: 3389,
      validSeconds: 120,
    },
    new Date(),
  );

async function tunnel(token: string): Promise<TsguClient> {
  const socket = tlsConnect({ host: '127.0.0.1', port: gatewayPort, rejectUnauthorized: false });
  await new Promise((resolve) => socket.once('secureConnect', resolve));
  const client = new TsguClient(socket);
  expect(await client.openTunnel(token)).toMatchObject({ type: 'HANDSHAKE_RESPONSE', errorCode: S_OK });
  return client;
}

async function audited(action: string) {
  for (let i = 0; i < 50; i += 1) {
    const row = await testDb.db
      .selectFrom('audit_events')
      .select(['details', 'target_id'])
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${action} in the audit log`);
}

describe("mona's RD gateway", () => {
  it("relays an RDP client with a file's token to its session's host through the host's agent, once", async () => {
    const { gatewayToken } = await newGrant();
    const client = await tunnel(gatewayToken);
    expect(await client.next()).toMatchObject({ type: 'TUNNEL_RESPONSE', statusCode: S_OK });
    client.send({ type: 'TUNNEL_AUTH', clientName: 'laptop' });
    expect(await client.next()).toMatchObject({
      redirFlags: HTTP_TUNNEL_REDIR_DISABLE_ALL,
      idleTimeoutMinutes: 30,
    });
    client.send({ type: 'CHANNEL_CREATE', resources: ['sh-01'], altResources: [], port: 3389, protocol: 3 });
    expect(await client.next()).toMatchObject({ type: 'CHANNEL_RESPONSE', errorCode: S_OK });
    client.send({ type: 'DATA', data: Buffer.from('x224 connection request') });
    expect(await client.next()).toEqual({ type: 'DATA', data: Buffer.from('x224 connection request') });
    // A tunnel connects the session as the browser viewer does: R26 stops counting down while it is open.
    const connection = () =>
      testDb.db
        .selectFrom('desktop_connections')
        .select(['via', 'closed_at'])
        .where('session_id', '=', sessionId)
        .executeTakeFirstOrThrow();
    expect(await connection()).toEqual({ via: 'rdp', closed_at: null });
    const state = () =>
      testDb.db
        .selectFrom('desktop_sessions')
        .select('disconnected_at')
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
    expect((await state()).disconnected_at).toBeNull();
    client.send({ type: 'CLOSE_CHANNEL', statusCode: S_OK });
    await client.next();
    await expect.poll(async () => (await connection()).closed_at, { timeout: 5_000 }).not.toBeNull();
    expect((await state()).disconnected_at).not.toBeNull();
    const event = await audited('desktop.rdp_tunnel');
    expect(event.target_id).toBe(sessionId);
    expect(event.details).toMatchObject({ outcome: 'relayed', bytesIn: 23, bytesOut: 23 });

    const again = await tunnel(gatewayToken);
    expect(await again.next()).toMatchObject({
      type: 'TUNNEL_RESPONSE',
      statusCode: E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
    });
    expect((await audited('desktop.rdp_tunnel_refused')).details).toMatchObject({
      reason: 'unknown-or-used',
    });
  });
});

describe('connections in their handshake', () => {
  it('are limited per address: one more from it is closed at once, another address gets through, and a tunnel once authorised frees its place', async () => {
    const { gateway: limited, port } = await startGateway(2);
    const sockets: TLSSocket[] = [];
    /** A TLS connection from `localAddress`, once its TLS handshake is done; null when the gateway closed it. */
    const connectFrom = (localAddress: string) =>
      new Promise<TLSSocket | null>((resolve) => {
        const tcp = netConnect({ host: '127.0.0.1', port, localAddress });
        const socket = tlsConnect({ socket: tcp, rejectUnauthorized: false });
        sockets.push(socket);
        socket.once('secureConnect', () => resolve(socket));
        socket.once('error', () => resolve(null));
        socket.once('close', () => resolve(null));
      });
    try {
      // Two connections from 127.0.0.1 stop half-way: TLS done, no tunnel asked for.
      const first = await connectFrom('127.0.0.1');
      expect(first).not.toBeNull();
      expect(await connectFrom('127.0.0.1')).not.toBeNull();
      expect(await connectFrom('127.0.0.1')).toBeNull();
      expect(await connectFrom('127.0.0.2')).not.toBeNull();

      const client = new TsguClient(first as TLSSocket);
      expect(await client.openTunnel((await newGrant()).gatewayToken)).toMatchObject({ errorCode: S_OK });
      expect(await client.next()).toMatchObject({ type: 'TUNNEL_RESPONSE', statusCode: S_OK });
      expect(await connectFrom('127.0.0.1')).not.toBeNull();
      expect(await connectFrom('127.0.0.1')).toBeNull();
    } finally {
      for (const socket of sockets) socket.destroy();
      limited.close();
    }
  });
});

describe('the logon of an RDP file on its session host', () => {
  it('spends the secret once, after the tunnel, for the user on that host, and audits it', async () => {
    const app = await buildTestApp(testDb.db);
    try {
      await testDb.db.updateTable('users').set({ unix_uid: 301_234 }).where('id', '=', user.id).execute();
      const secret = await rotateHostSecret(testDb.db, 'sh-01', SYSTEM_ACTOR);
      const { gatewayToken, logonSecret } = await newGrant();
      const logon = (unixUser: string) =>
        app.app.inject({
          method: 'POST',
          url: '/api/hosts/logon',
          headers: { authorization: `Bearer ${secret}`, 'x-mona-host': 'sh-01' },
          payload: { unixUser, secret: logonSecret },
        });
      expect((await logon('m-rdp_client')).statusCode).toBe(404);
      await consumeGatewayToken(testDb.db, gatewayToken, '127.0.0.1', new Date());
      expect((await logon('m-someone_else')).statusCode).toBe(404);
      const accepted = await logon('m-rdp_client');
      expect(accepted.json()).toEqual({ sessionId, idleSeconds: 1800 });
      expect((await logon('m-rdp_client')).statusCode).toBe(404);
      expect((await audited('desktop.rdp_logon')).target_id).toBe(sessionId);
    } finally {
      await app.app.close();
    }
  });

  it('spends no secret whose logon could not be audited', async () => {
    const app = await buildTestApp(testDb.db);
    try {
      await testDb.db.updateTable('users').set({ unix_uid: 301_234 }).where('id', '=', user.id).execute();
      const secret = await rotateHostSecret(testDb.db, 'sh-01', SYSTEM_ACTOR);
      const { gatewayToken, logonSecret } = await newGrant();
      await consumeGatewayToken(testDb.db, gatewayToken, '127.0.0.1', new Date());
      const logon = () =>
        app.app.inject({
          method: 'POST',
          url: '/api/hosts/logon',
          headers: { authorization: `Bearer ${secret}`, 'x-mona-host': 'sh-01' },
          payload: { unixUser: 'm-rdp_client', secret: logonSecret },
        });
      const allowAudit = await refuseAuditEvents(testDb.superuser(), 'desktop.rdp_logon');
      try {
        expect((await logon()).statusCode).toBe(500);
      } finally {
        await allowAudit();
      }
      expect((await logon()).json()).toEqual({ sessionId, idleSeconds: 1800 });
    } finally {
      await app.app.close();
    }
  });
});
