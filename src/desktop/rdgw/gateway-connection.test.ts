import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TsguClient } from '../../../test/tsgu-client.js';
import { type GatewayPolicy, serveGatewayConnection, type TunnelEnd } from './gateway-connection.js';
import {
  E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
  E_PROXY_INTERNALERROR,
  E_PROXY_RAP_ACCESSDENIED,
  HTTP_TUNNEL_REDIR_DISABLE_ALL,
  S_OK,
} from './tsgu-codes.js';

const TOKEN = 'one-time-gateway-token';

let echo: Server;
let echoPort: number;
let gateway: Server;
let gatewayPort: number;
let ends: TunnelEnd[] = [];
const used = new Set<string>();

const policy = (): GatewayPolicy => ({
  consumeToken: async (token) => {
    if (token !== TOKEN) return { refused: 'unknown-or-used' };
    if (used.has(token)) return { refused: 'unknown-or-used' };
    used.add(token);
    return { id: 'grant-1', host: 'sh-01', port: 3389 };
  },
  connect: async (grant) =>
    grant.host === 'sh-01' ? connect(echoPort, '127.0.0.1') : Promise.reject(new Error('no route')),
  idleTimeoutMinutes: 30,
  handshakeTimeoutMs: 1500,
  maxBufferedBytes: 1024 * 1024,
});
let currentPolicy = policy();

beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as AddressInfo).port;
  gateway = createServer((socket) => {
    void serveGatewayConnection(socket, '192.0.2.10', currentPolicy).then((end) => ends.push(end));
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayPort = (gateway.address() as AddressInfo).port;
});

afterAll(() => {
  echo.close();
  gateway.close();
});

async function client(): Promise<TsguClient> {
  const socket = connect(gatewayPort, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  return new TsguClient(socket);
}

async function throughAuth(token = TOKEN): Promise<TsguClient> {
  const c = await client();
  expect(await c.openTunnel(token)).toMatchObject({ type: 'HANDSHAKE_RESPONSE', errorCode: S_OK });
  return c;
}

async function settled(): Promise<TunnelEnd> {
  for (let i = 0; i < 100 && ends.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
  const end = ends.shift();
  if (!end) throw new Error('the gateway did not end the connection');
  return end;
}

describe('a gateway connection', () => {
  it('relays RDP bytes to the grant, with every redirection off and the idle limit set', async () => {
    used.clear();
    ends = [];
    const c = await throughAuth();
    expect(c.head).toMatch(/^HTTP\/1\.1 101 /);
    expect(await c.next()).toMatchObject({ type: 'TUNNEL_RESPONSE', statusCode: S_OK });
    c.send({ type: 'TUNNEL_AUTH', clientName: 'laptop' });
    expect(await c.next()).toEqual({
      type: 'TUNNEL_AUTH_RESPONSE',
      errorCode: S_OK,
      redirFlags: HTTP_TUNNEL_REDIR_DISABLE_ALL,
      idleTimeoutMinutes: 30,
    });
    c.send({ type: 'CHANNEL_CREATE', resources: ['sh-01'], altResources: [], port: 3389, protocol: 3 });
    expect(await c.next()).toMatchObject({ type: 'CHANNEL_RESPONSE', errorCode: S_OK });
    c.send({ type: 'DATA', data: Buffer.from('hello rdp') });
    expect(await c.next()).toEqual({ type: 'DATA', data: Buffer.from('hello rdp') });
    c.send({ type: 'CLOSE_CHANNEL', statusCode: S_OK });
    expect(await c.next()).toMatchObject({ type: 'CLOSE_CHANNEL_RESPONSE' });
    expect(await settled()).toMatchObject({ grant: 'grant-1', outcome: 'relayed', bytesIn: 9, bytesOut: 9 });
  });

  it('refuses a token used before, with the cookie error', async () => {
    const c = await throughAuth();
    expect(await c.next()).toMatchObject({
      type: 'TUNNEL_RESPONSE',
      statusCode: E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
    });
    expect(await c.next()).toBeNull();
    expect(await settled()).toMatchObject({ outcome: 'refused', reason: 'unknown-or-used' });
  });

  it("refuses a channel to anything but the grant's host and port", async () => {
    used.clear();
    const c = await throughAuth();
    await c.next();
    c.send({ type: 'TUNNEL_AUTH', clientName: 'laptop' });
    await c.next();
    c.send({ type: 'CHANNEL_CREATE', resources: ['sh-02'], altResources: [], port: 3389, protocol: 3 });
    expect(await c.next()).toMatchObject({ type: 'CHANNEL_RESPONSE', errorCode: E_PROXY_RAP_ACCESSDENIED });
    expect(await settled()).toMatchObject({ outcome: 'refused' });
  });

  it('says so when the session host cannot be reached', async () => {
    used.clear();
    currentPolicy = { ...policy(), connect: () => Promise.reject(new Error('down')) };
    try {
      const c = await throughAuth();
      await c.next();
      c.send({ type: 'TUNNEL_AUTH', clientName: 'laptop' });
      await c.next();
      c.send({ type: 'CHANNEL_CREATE', resources: ['sh-01'], altResources: [], port: 3389, protocol: 3 });
      expect(await c.next()).toMatchObject({ type: 'CHANNEL_RESPONSE', errorCode: E_PROXY_INTERNALERROR });
      expect(await settled()).toMatchObject({ outcome: 'failed' });
    } finally {
      currentPolicy = policy();
    }
  });

  it('ends a connection that skips a step, sends a bad head, or says nothing', async () => {
    const skipping = await client();
    skipping.send({ type: 'TUNNEL_AUTH', clientName: 'laptop' });
    expect(await skipping.next()).toBeNull();
    expect((await settled()).reason).toMatch(/out of order/);

    const socket = connect(gatewayPort, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: gw\r\n\r\n');
    const answer = await new Promise<string>((resolve) =>
      socket.once('data', (chunk) => resolve(chunk.toString())),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(await settled()).toMatchObject({ outcome: 'refused' });

    const silent = await client();
    expect(await silent.next()).toBeNull();
    expect(await settled()).toMatchObject({ outcome: 'refused', reason: 'handshake timed out' });
  });
});
