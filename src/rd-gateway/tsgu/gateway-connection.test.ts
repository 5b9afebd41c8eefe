import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TsguClient } from '../../../test/tsgu-client.js';
import { type GatewayPolicy, serveGatewayConnection, type TunnelEnd } from './gateway-connection.js';
import { HttpTransportPairs } from './http-pairs.js';
import {
  E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
  E_PROXY_INTERNALERROR,
  E_PROXY_RAP_ACCESSDENIED,
  HTTP_EXTENDED_AUTH_PAA,
  HTTP_TUNNEL_REDIR_DISABLE_ALL,
  S_OK,
} from './tsgu-codes.js';
import { encodeTsguPacket, type TsguPacket, TsguReader } from './tsgu-packets.js';

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
  // Long enough to stay out of the tests that read every packet; the keepalive's own test sets it short.
  keepaliveMs: 60_000,
  httpPairs: new HttpTransportPairs(),
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

/** From the tunnel's answer, through TUNNEL_AUTH, to a channel to `host`: answers the channel's reply. */
async function askForChannel(c: TsguClient, host: string): Promise<TsguPacket | null> {
  await c.next();
  c.send({ type: 'TUNNEL_AUTH', clientName: 'laptop' });
  await c.next();
  c.send({ type: 'CHANNEL_CREATE', resources: [host], altResources: [], port: 3389, protocol: 3 });
  return c.next();
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

  it('sends a quiet tunnel keepalives, so a client that waits on the gateway gets to its input', async () => {
    used.clear();
    ends = [];
    currentPolicy = { ...policy(), keepaliveMs: 30 };
    try {
      const c = await throughAuth();
      expect(await askForChannel(c, 'sh-01')).toMatchObject({ type: 'CHANNEL_RESPONSE', errorCode: S_OK });
      // Nothing to relay: keepalives, one after another, and the tunnel still carries data after them.
      expect(await c.next()).toEqual({ type: 'KEEPALIVE' });
      expect(await c.next()).toEqual({ type: 'KEEPALIVE' });
      c.send({ type: 'KEEPALIVE' });
      c.send({ type: 'DATA', data: Buffer.from('typed') });
      let answer = await c.next();
      while (answer?.type === 'KEEPALIVE') answer = await c.next();
      expect(answer).toEqual({ type: 'DATA', data: Buffer.from('typed') });
      c.send({ type: 'CLOSE_CHANNEL', statusCode: S_OK });
      expect(await settled()).toMatchObject({ outcome: 'relayed', bytesIn: 5, bytesOut: 5 });
    } finally {
      currentPolicy = policy();
    }
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
    expect(await askForChannel(c, 'sh-02')).toMatchObject({
      type: 'CHANNEL_RESPONSE',
      errorCode: E_PROXY_RAP_ACCESSDENIED,
    });
    expect(await settled()).toMatchObject({ outcome: 'refused' });
  });

  it('says so when the session host cannot be reached', async () => {
    used.clear();
    currentPolicy = { ...policy(), connect: () => Promise.reject(new Error('down')) };
    try {
      const c = await throughAuth();
      expect(await askForChannel(c, 'sh-01')).toMatchObject({
        type: 'CHANNEL_RESPONSE',
        errorCode: E_PROXY_INTERNALERROR,
      });
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

/** The HTTP transport's client side, as FreeRDP's /gt:http,no-websockets speaks it. */
class HttpTransportClient {
  readonly packets: TsguPacket[] = [];
  private readonly reader = new TsguReader();
  private outBytes = Buffer.alloc(0);
  outHead = '';
  seed = Buffer.alloc(0);

  constructor(
    readonly out: Socket,
    readonly input: Socket,
  ) {
    out.on('data', (chunk: Buffer) => {
      this.outBytes = Buffer.concat([this.outBytes, chunk]);
      if (!this.outHead) {
        const end = this.outBytes.indexOf('\r\n\r\n');
        if (end < 0) return;
        this.outHead = this.outBytes.subarray(0, end).toString('latin1');
        this.outBytes = this.outBytes.subarray(end + 4);
      }
      if (this.seed.length < 10) {
        const take = Math.min(10 - this.seed.length, this.outBytes.length);
        this.seed = Buffer.concat([this.seed, this.outBytes.subarray(0, take)]);
        this.outBytes = this.outBytes.subarray(take);
      }
      this.packets.push(...this.reader.push(this.outBytes));
      this.outBytes = Buffer.alloc(0);
    });
  }

  send(packet: TsguPacket): void {
    const bytes = encodeTsguPacket(packet);
    this.input.write(`${bytes.length.toString(16)}\r\n`);
    this.input.write(bytes);
    this.input.write('\r\n');
  }

  async next(): Promise<TsguPacket | undefined> {
    for (let i = 0; i < 100 && this.packets.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    return this.packets.shift();
  }
}

const request = (method: string, id: string, encoding: 'identity' | 'chunked') =>
  `${method} /remoteDesktopGateway/ HTTP/1.1\r\nHost: gw\r\nConnection: Keep-Alive\r\n` +
  `RDG-Connection-Id: ${id}\r\nRDG-Auth-Scheme: PAA\r\n` +
  (encoding === 'chunked' ? 'Transfer-Encoding: chunked\r\n\r\n' : 'Content-Length: 0\r\n\r\n');

async function opened(): Promise<Socket> {
  const socket = connect(gatewayPort, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

async function firstAnswer(socket: Socket): Promise<string> {
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  return chunk.toString('latin1');
}

describe('the HTTP transport (two connections)', () => {
  it('pairs RDG_OUT_DATA and RDG_IN_DATA by connection id and runs the tunnel over them', async () => {
    used.clear();
    ends = [];
    const id = '{8D3B2C1A-0F4E-4A5B-9C6D-7E8F9A0B1C2D}';
    const out = await opened();
    out.write(request('RDG_OUT_DATA', id, 'identity'));
    const input = await opened();
    const c = new HttpTransportClient(out, input);
    await expect.poll(() => c.seed.length).toBe(10);
    expect(c.outHead).toMatch(/^HTTP\/1\.1 200 OK/);
    input.write(request('RDG_IN_DATA', id, 'identity'));
    expect(await firstAnswer(input)).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Length: 0/);
    input.write(request('RDG_IN_DATA', id, 'chunked'));
    c.send({
      type: 'HANDSHAKE_REQUEST',
      versionMajor: 1,
      versionMinor: 0,
      clientVersion: 0,
      extendedAuth: HTTP_EXTENDED_AUTH_PAA,
    });
    expect(await c.next()).toMatchObject({ type: 'HANDSHAKE_RESPONSE', errorCode: S_OK });
    c.send({ type: 'TUNNEL_CREATE', capabilities: 0x0d, paaCookie: TOKEN });
    expect(await c.next()).toMatchObject({ type: 'TUNNEL_RESPONSE', statusCode: S_OK });
    c.send({ type: 'TUNNEL_AUTH', clientName: 'old-laptop' });
    expect(await c.next()).toMatchObject({
      redirFlags: HTTP_TUNNEL_REDIR_DISABLE_ALL,
      idleTimeoutMinutes: 30,
    });
    c.send({ type: 'CHANNEL_CREATE', resources: ['sh-01'], altResources: [], port: 3389, protocol: 3 });
    expect(await c.next()).toMatchObject({ type: 'CHANNEL_RESPONSE', errorCode: S_OK });
    c.send({ type: 'DATA', data: Buffer.from('over http') });
    expect(await c.next()).toEqual({ type: 'DATA', data: Buffer.from('over http') });
    c.send({ type: 'CLOSE_CHANNEL', statusCode: S_OK });
    expect(await c.next()).toMatchObject({ type: 'CLOSE_CHANNEL_RESPONSE' });
    // The IN connection joined the OUT connection's tunnel; the tunnel ends once, relayed.
    const outcomes = [await settled(), await settled()].map((end) => end.outcome).sort();
    expect(outcomes).toEqual(['joined', 'relayed']);
  });

  it('refuses an RDG_IN_DATA body with no RDG_OUT_DATA waiting, and an RDG_OUT_DATA left alone', async () => {
    ends = [];
    const id = '1a2b3c4d-0000-4000-8000-000000000001';
    const input = await opened();
    input.write(request('RDG_IN_DATA', id, 'identity'));
    await firstAnswer(input);
    input.write(request('RDG_IN_DATA', id, 'chunked'));
    expect(await settled()).toMatchObject({
      outcome: 'refused',
      reason: expect.stringMatching(/no RDG_OUT_DATA connection/),
    });

    const out = await opened();
    out.write(request('RDG_OUT_DATA', '1a2b3c4d-0000-4000-8000-000000000002', 'identity'));
    expect(await settled()).toMatchObject({ outcome: 'refused', reason: 'no RDG_IN_DATA connection came' });
  });

  it('refuses a body before the first RDG_IN_DATA request, and a request without a connection id', async () => {
    ends = [];
    const early = await opened();
    early.write(request('RDG_IN_DATA', '1a2b3c4d-0000-4000-8000-000000000003', 'chunked'));
    expect(await firstAnswer(early)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await settled()).toMatchObject({ outcome: 'refused' });
    const anonymous = await opened();
    anonymous.write('RDG_OUT_DATA /remoteDesktopGateway/ HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n');
    expect(await firstAnswer(anonymous)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await settled()).toMatchObject({ outcome: 'refused' });
  });
});
