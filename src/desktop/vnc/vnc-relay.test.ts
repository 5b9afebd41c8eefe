import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { FakeVncServer, type Minor, PASSWORD } from '../../../test/fake-vnc-server.js';
import { ByteQueue } from '../../rfb/byte-queue.js';
import { vncPasswordFile } from '../../rfb/vnc-auth.js';
import { startVncRelay, type VncRelay, type VncRelayOptions } from './vnc-relay.js';

const keyEvent = Buffer.from([4, 1, 0, 0, 0, 0, 0xff, 0x0d]);
const pointerEvent = Buffer.from([5, 1, 0, 10, 0, 20]);
const updateRequest = Buffer.from([3, 1, 0, 0, 0, 0, 2, 128, 1, 224]);

function cutText(text: string): Buffer {
  const header = Buffer.from([6, 0, 0, 0, 0, 0, 0, 0]);
  header.writeInt32BE(text.length, 4);
  return Buffer.concat([header, Buffer.from(text, 'latin1')]);
}

/** The noVNC side: a ws client whose incoming bytes can be read in exact sizes. */
class Browser {
  readonly received = new ByteQueue();
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.received.push(data));
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  send(bytes: Buffer | string): void {
    this.ws.send(Buffer.from(bytes));
  }

  /** The handshake with security type None (noVNC uses 3.8); resolves with the ServerInit. */
  async handshake({ minor = 8, split = false }: { minor?: Minor; split?: boolean } = {}): Promise<Buffer> {
    expect((await this.received.read(12)).toString()).toBe('RFB 003.008\n');
    const version = Buffer.from(`RFB 003.00${minor}\n`);
    if (split) for (const byte of version) this.send(Buffer.from([byte]));
    else this.send(version);
    if (minor === 3) {
      expect((await this.received.read(4)).readUInt32BE()).toBe(1);
    } else {
      expect([...(await this.received.read(2))]).toEqual([1, 1]);
      this.send(Buffer.from([1]));
    }
    if (minor === 8) expect((await this.received.read(4)).readUInt32BE()).toBe(0);
    this.send(Buffer.from([1])); // ClientInit: shared
    const init = await this.received.read(24);
    return Buffer.concat([init, await this.received.read(init.readUInt32BE(20))]);
  }
}

let dir: string;
let vnc: FakeVncServer;
let wss: WebSocketServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vnc-relay-'));
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
});

afterEach(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise((resolve) => wss.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

interface Setup {
  browser: Browser;
  relay: VncRelay;
  upstream: Socket;
  gatewaySide: WebSocket;
  inputs: () => number;
  pastes: number[];
}

/** Starts the fake VNC server, connects a browser through the relay and returns both ends. */
async function connectThroughRelay(
  overrides: Partial<VncRelayOptions> = {},
  version: Minor | 'silent' = 8,
): Promise<Setup> {
  vnc = new FakeVncServer(dir, version);
  await vnc.listen();
  return relayTo(vnc.path, overrides);
}

/** Connects a browser through the relay to the VNC server listening at `path`. */
async function relayTo(path: string, overrides: Partial<VncRelayOptions> = {}): Promise<Setup> {
  let inputs = 0;
  const pastes: number[] = [];
  const started = new Promise<{ relay: VncRelay; upstream: Socket; gatewaySide: WebSocket }>((resolve) => {
    wss.once('connection', (gatewaySide) => {
      const upstream = connect(path);
      upstream.once('connect', () => {
        const relay = startVncRelay({
          browser: gatewaySide,
          upstream,
          password: PASSWORD,
          pasteIn: null,
          onInput: () => inputs++,
          onPaste: (bytes) => pastes.push(bytes),
          handshakeTimeoutMs: 2000,
          maxBufferedBytes: 1 << 20,
          ...overrides,
        });
        resolve({ relay, upstream, gatewaySide });
      });
    });
  });
  const address = wss.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  const browser = new Browser(new WebSocket(`ws://127.0.0.1:${address.port}`));
  return { browser, ...(await started), inputs: () => inputs, pastes };
}

/** Waits until the fake server has received `size` bytes after ClientInit. */
function upstreamReceives(size: number): Promise<Buffer> {
  return vnc.received.read(size);
}

describe('startVncRelay', () => {
  afterEach(() => vnc.close());

  it('authenticates upstream itself and hands the browser the ServerInit', async () => {
    const { browser } = await connectThroughRelay();
    const init = await browser.handshake();
    expect(init.readUInt16BE(0)).toBe(800);
    expect(init.readUInt16BE(2)).toBe(600);
    expect(init.subarray(24).toString()).toBe('fake');
    expect(vnc.clientInit).toEqual(Buffer.from([1]));
  });

  it.each([3, 7] as const)('authenticates to an RFB 3.%i server', async (minor) => {
    const { browser } = await connectThroughRelay({}, minor);
    expect((await browser.handshake()).readUInt16BE(0)).toBe(800);
  });

  it.each([3, 7] as const)('greets an RFB 3.%i browser', async (minor) => {
    const { browser } = await connectThroughRelay();
    expect((await browser.handshake({ minor })).readUInt16BE(0)).toBe(800);
  });

  it('closes the browser with 4400 when it picks a security type not offered', async () => {
    const { browser, relay } = await connectThroughRelay();
    await browser.received.read(12);
    browser.send('RFB 003.008\n');
    await browser.received.read(2);
    browser.send(Buffer.from([2]));
    expect(await browser.closed).toEqual({ code: 4400, reason: 'invalid security type' });
    expect((await relay.done).by).toBe('browser');
  });

  it('parses the handshake and messages split byte by byte across frames', async () => {
    const { browser } = await connectThroughRelay();
    await browser.handshake({ split: true });
    const messages = Buffer.concat([updateRequest, keyEvent, pointerEvent]);
    for (const byte of messages) browser.send(Buffer.from([byte]));
    expect(await upstreamReceives(messages.length)).toEqual(messages);
  });

  it('passes server bytes to the browser verbatim', async () => {
    const { browser } = await connectThroughRelay();
    await browser.handshake();
    const update = randomBytes(300_000);
    vnc.sockets[0]?.write(update);
    expect((await browser.received.read(update.length)).equals(update)).toBe(true);
  });

  it('closes the browser with 4500 when the VNC password is wrong', async () => {
    const { browser, relay } = await connectThroughRelay({ password: 'wrong!!!' });
    expect(await browser.closed).toEqual({ code: 4500, reason: 'desktop authentication failed' });
    expect(await relay.done).toEqual({
      by: 'upstream',
      reason: 'desktop authentication failed: Authentication failure',
    });
  });

  it('closes the browser with 4500 when an RFB 3.3 server rejects the password without a reason', async () => {
    const { browser, relay } = await connectThroughRelay({ password: 'wrong!!!' }, 3);
    expect(await browser.closed).toEqual({ code: 4500, reason: 'desktop authentication failed' });
    expect(await relay.done).toEqual({ by: 'upstream', reason: 'desktop authentication failed' });
  });

  it('closes the browser with 4400 when it sends a text message', async () => {
    const { browser } = await connectThroughRelay();
    await browser.handshake();
    browser.ws.send('hello');
    expect(await browser.closed).toEqual({ code: 4400, reason: 'binary messages only' });
  });

  it('closes the browser with 4500 when the handshake times out', async () => {
    const { browser, relay } = await connectThroughRelay({ handshakeTimeoutMs: 200 }, 'silent');
    expect((await browser.closed).code).toBe(4500);
    expect((await relay.done).by).toBe('gateway');
  });

  it('reports key and pointer input, at most once per second', async () => {
    const { browser, inputs } = await connectThroughRelay();
    await browser.handshake();
    browser.send(updateRequest);
    await upstreamReceives(updateRequest.length);
    expect(inputs()).toBe(0);
    browser.send(Buffer.concat([keyEvent, pointerEvent]));
    await upstreamReceives(keyEvent.length + pointerEvent.length);
    expect(inputs()).toBe(1);
  });

  it('drops pasted text when pasting in is off', async () => {
    const { browser, pastes } = await connectThroughRelay({ pasteIn: null });
    await browser.handshake();
    browser.send(Buffer.concat([cutText('secret data'), keyEvent]));
    expect(await upstreamReceives(keyEvent.length)).toEqual(keyEvent);
    expect(pastes).toEqual([]);
  });

  it('forwards a paste within the cap, drops one over it and reports only the length', async () => {
    const { browser, pastes } = await connectThroughRelay({ pasteIn: { maxBytes: 10 } });
    await browser.handshake();
    browser.send(Buffer.concat([cutText('0123456789'), cutText('0123456789A'), keyEvent]));
    expect(await upstreamReceives(18 + keyEvent.length)).toEqual(
      Buffer.concat([cutText('0123456789'), keyEvent]),
    );
    expect(pastes).toEqual([10]);
  });

  it('closes the browser with 4400 on an unknown message type and forwards none of it', async () => {
    const { browser, relay } = await connectThroughRelay();
    await browser.handshake();
    const serverSide = vnc.sockets[0];
    const upstreamClosed = new Promise((resolve) => serverSide?.once('close', resolve));
    browser.send(Buffer.concat([keyEvent, Buffer.from([7, 0, 0, 0, 0, 0, 0, 0])]));
    expect(await browser.closed).toEqual({ code: 4400, reason: 'unsupported message' });
    expect((await relay.done).by).toBe('browser');
    await upstreamClosed;
    expect(vnc.received.take(100)).toEqual(keyEvent);
  });

  it('closes the browser when the VNC server goes away', async () => {
    const { browser, relay } = await connectThroughRelay();
    await browser.handshake();
    vnc.sockets[0]?.end();
    expect((await browser.closed).code).toBe(1000);
    expect((await relay.done).by).toBe('upstream');
  });

  it('closes the browser with the code the gateway gives when the VNC server goes away', async () => {
    const onDesktopGone = async () => ({ code: 4002, reason: 'the session ended' });
    const { browser } = await connectThroughRelay({ onDesktopGone });
    await browser.handshake();
    vnc.sockets[0]?.end();
    expect(await browser.closed).toEqual({ code: 4002, reason: 'the session ended' });
  });

  it('closes the VNC connection when the browser goes away', async () => {
    const { browser, relay } = await connectThroughRelay();
    await browser.handshake();
    const serverSide = vnc.sockets[0];
    const upstreamEnded = new Promise((resolve) => serverSide?.once('close', resolve));
    browser.ws.close(1000);
    expect(await relay.done).toEqual({ by: 'browser', reason: 'browser closed (1000)' });
    await upstreamEnded;
  });

  it('closes both sides with the code the gateway gives', async () => {
    const { browser, relay, upstream } = await connectThroughRelay();
    await browser.handshake();
    relay.close(4001, 'idle');
    expect(await browser.closed).toEqual({ code: 4001, reason: 'idle' });
    expect(await relay.done).toEqual({ by: 'gateway', reason: 'idle' });
    expect(upstream.destroyed).toBe(true);
  });

  it('pauses reading the VNC server while the browser is not keeping up', async () => {
    const { browser, upstream } = await connectThroughRelay({ maxBufferedBytes: 64 * 1024 });
    await browser.handshake();
    browser.ws.pause();
    const update = randomBytes(32 * 1024 * 1024);
    vnc.sockets[0]?.write(update);
    await until(() => upstream.isPaused());
    browser.ws.resume();
    expect((await browser.received.read(update.length)).equals(update)).toBe(true);
    expect(upstream.isPaused()).toBe(false);
  });

  it('stops reading the browser while the VNC server is not keeping up', async () => {
    const { browser, gatewaySide } = await connectThroughRelay();
    await browser.handshake();
    vnc.sockets[0]?.pause();
    const requests = Buffer.concat(Array.from({ length: 400_000 }, () => updateRequest));
    browser.send(requests);
    await until(() => gatewaySide.isPaused);
    vnc.sockets[0]?.resume();
    expect((await upstreamReceives(requests.length)).equals(requests)).toBe(true);
    expect(gatewaySide.isPaused).toBe(false);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 3000) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const XVNC = '/usr/bin/Xvnc';

describe.skipIf(!existsSync(XVNC))('startVncRelay with TigerVNC Xvnc', () => {
  let xvnc: ChildProcess;
  let xvncDir: string;
  const socketPath = () => join(xvncDir, 'xvnc.sock');

  beforeAll(async () => {
    xvncDir = mkdtempSync(join(tmpdir(), 'vnc-relay-xvnc-'));
    const passwordFile = join(xvncDir, 'passwd');
    writeFileSync(passwordFile, vncPasswordFile(PASSWORD));
    // -displayfd lets Xvnc pick a free display and tells us on fd 3 once it accepts connections.
    xvnc = spawn(
      XVNC,
      [
        ...['-displayfd', '3', '-rfbunixpath', socketPath(), '-rfbport', '-1', '-nolisten', 'tcp'],
        ...['-SecurityTypes', 'VncAuth', '-rfbauth', passwordFile, '-geometry', '640x480'],
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] },
    );
    await new Promise((resolve, reject) => {
      xvnc.stdio[3]?.once('data', resolve);
      xvnc.once('exit', (code) => reject(new Error(`Xvnc exited with ${code}`)));
    });
  });

  afterAll(() => {
    xvnc?.kill();
    rmSync(xvncDir, { recursive: true, force: true });
  });

  it('reaches the ServerInit of a 640x480 desktop, then relays a framebuffer update', async () => {
    const { browser } = await relayTo(socketPath());
    const init = await browser.handshake();
    expect([init.readUInt16BE(0), init.readUInt16BE(2)]).toEqual([640, 480]);
    browser.send(Buffer.from([3, 0, 0, 0, 0, 0, 2, 128, 1, 224])); // not incremental: the server must answer
    expect((await browser.received.read(1))[0]).toBe(0); // FramebufferUpdate
  });

  it('closes the browser with 4500 when Xvnc rejects the password', async () => {
    const { browser, relay } = await relayTo(socketPath(), { password: 'wrong!!!' });
    expect(await browser.closed).toEqual({ code: 4500, reason: 'desktop authentication failed' });
    expect((await relay.done).by).toBe('upstream');
  });
});
