import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ByteQueue } from '../../rfb/byte-queue.js';
import { vncAuthResponse } from '../../rfb/vnc-auth.js';
import { pendingLogin } from './pending-logins.js';
import { type RfbRouter, type RfbRouterEvent, startRfbRouter } from './rfb-router.js';

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** ServerInit of a 640x480 desktop whose name tells the tests which session they reached. */
function serverInit(name: string): Buffer {
  const head = Buffer.alloc(24);
  head.writeUInt16BE(640, 0);
  head.writeUInt16BE(480, 2);
  head.writeUInt32BE(name.length, 20);
  return Buffer.concat([head, Buffer.from(name, 'latin1')]);
}

/** A session's Xvnc stand-in: RFB 3.8, VncAuth with its own password, then ServerInit. */
async function fakeDesktop(path: string, password: string, name: string): Promise<Server> {
  const server = createServer((socket) => {
    socket.on('error', () => {});
    const input = new ByteQueue();
    socket.on('data', (chunk) => input.push(chunk));
    void (async () => {
      socket.write('RFB 003.008\n');
      await input.read(12);
      socket.write(Buffer.from([1, 2]));
      await input.read(1);
      const challenge = Buffer.alloc(16, 7);
      socket.write(challenge);
      if (!(await input.read(16)).equals(vncAuthResponse(password, challenge))) {
        socket.end(Buffer.concat([u32(1), u32(3), Buffer.from('bad')]));
        return;
      }
      socket.write(u32(0));
      await input.read(1); // ClientInit
      socket.write(serverInit(name));
    })().catch(() => socket.destroy());
  });
  server.listen(path);
  await once(server, 'listening');
  return server;
}

type Outcome = { ok: true; desktopName: string } | { ok: false; reason: string | null };

/** xrdp's libvnc stand-in: answers the router's challenge with DES of `secret`. */
async function viewer(
  port: number,
  secret: string,
  minor: 3 | 8 = 8,
  connected: (socket: Socket) => Promise<void> = async () => {},
): Promise<Outcome> {
  const socket: Socket = connect(port, '127.0.0.1');
  const input = new ByteQueue();
  socket.on('data', (chunk) => input.push(chunk));
  socket.on('close', () => input.fail(new Error('closed')));
  try {
    expect((await input.read(12)).toString()).toBe('RFB 003.008\n');
    socket.write(`RFB 003.00${minor}\n`);
    if (minor === 3) {
      expect((await input.read(4)).readUInt32BE()).toBe(2);
    } else {
      expect([...(await input.read(2))]).toEqual([1, 2]);
      socket.write(Buffer.from([2]));
    }
    socket.write(vncAuthResponse(secret, await input.read(16)));
    if ((await input.read(4)).readUInt32BE() !== 0) {
      if (minor === 3) return { ok: false, reason: null };
      const size = (await input.read(4)).readUInt32BE();
      return { ok: false, reason: (await input.read(size)).toString() };
    }
    socket.write(Buffer.from([1]));
    const head = await input.read(24);
    const desktopName = (await input.read(head.readUInt32BE(20))).toString();
    await connected(socket);
    return { ok: true, desktopName };
  } finally {
    socket.destroy();
  }
}

describe('startRfbRouter', () => {
  let dir: string;
  let desktops: Server[];
  let router: RfbRouter;
  let events: RfbRouterEvent[];
  let now: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rfb-router-'));
    desktops = [
      await fakeDesktop(join(dir, 'a.sock'), 'vncpassA', 'desktop A'),
      await fakeDesktop(join(dir, 'b.sock'), 'vncpassB', 'desktop B'),
    ];
    const passwords: Record<string, string> = { a: 'vncpassA', b: 'vncpassB' };
    // Each router gets its own list: the previous test's connections may report closing late.
    const seen: RfbRouterEvent[] = [];
    events = seen;
    now = Date.now();
    router = await startRfbRouter({
      port: 0,
      socketOf: (session) => (session in passwords ? join(dir, `${session}.sock`) : undefined),
      passwordOf: (session) => passwords[session],
      onConnection: (event) => seen.push(event),
      now: () => now,
    });
  });

  afterEach(async () => {
    await router.close();
    for (const desktop of desktops) desktop.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a pending login through to its desktop', async () => {
    router.expect(pendingLogin('a', 'Secret-one-xyz', now));
    expect(await viewer(router.port, 'Secret-one-xyz')).toEqual({ ok: true, desktopName: 'desktop A' });
    expect(events[0]).toMatchObject({ type: 'connected', sessionId: 'a' });
    await expect.poll(() => events.at(-1)?.type).toBe('disconnected');
  });

  it('speaks RFB 3.3 as xrdp does, and only the first 8 characters count', async () => {
    router.expect(pendingLogin('a', 'Secret-one-xyz', now));
    expect(await viewer(router.port, 'Secret-oXXXXX', 3)).toEqual({ ok: true, desktopName: 'desktop A' });
  });

  it('refuses a wrong secret with a reason', async () => {
    router.expect(pendingLogin('a', 'Secret-one-xyz', now));
    expect(await viewer(router.port, 'not-the-secret')).toEqual({
      ok: false,
      reason: 'authentication failed',
    });
    expect(events).toEqual([{ type: 'refused', reason: 'no pending login matches' }]);
  });

  it('uses a login once', async () => {
    router.expect(pendingLogin('a', 'Secret-one-xyz', now));
    expect((await viewer(router.port, 'Secret-one-xyz')).ok).toBe(true);
    expect((await viewer(router.port, 'Secret-one-xyz')).ok).toBe(false);
  });

  it('refuses an expired login', async () => {
    router.expect(pendingLogin('a', 'Secret-one-xyz', now));
    now += 30_001;
    expect((await viewer(router.port, 'Secret-one-xyz')).ok).toBe(false);
  });

  it('routes two pending logins to their own desktops', async () => {
    router.expect(pendingLogin('a', 'Secret-one-xyz', now));
    router.expect(pendingLogin('b', 'Secret-two-xyz', now));
    const [second, first] = await Promise.all([
      viewer(router.port, 'Secret-two-xyz'),
      viewer(router.port, 'Secret-one-xyz'),
    ]);
    expect(first).toEqual({ ok: true, desktopName: 'desktop A' });
    expect(second).toEqual({ ok: true, desktopName: 'desktop B' });
  });

  it('refuses when the session has no desktop any more', async () => {
    router.expect(pendingLogin('gone', 'Secret-one-xyz', now));
    expect((await viewer(router.port, 'Secret-one-xyz')).ok).toBe(false);
    expect(events).toEqual([{ type: 'failed', sessionId: 'gone', reason: 'session has no desktop' }]);
  });

  it('refuses when the desktop rejects the VNC password', async () => {
    desktops.push(await fakeDesktop(join(dir, 'c.sock'), 'otherpw1', 'desktop C'));
    const wrong = await startRfbRouter({
      port: 0,
      socketOf: () => join(dir, 'c.sock'),
      passwordOf: () => 'vncpassA',
      onConnection: (event) => events.push(event),
    });
    wrong.expect(pendingLogin('c', 'Secret-one-xyz'));
    expect((await viewer(wrong.port, 'Secret-one-xyz')).ok).toBe(false);
    expect(events[0]).toMatchObject({ type: 'failed', sessionId: 'c' });
    await wrong.close();
  });

  it('closes a connection without keyboard or mouse input for the idle limit, not one with input (R25)', async () => {
    const idle = await startRfbRouter({
      port: 0,
      socketOf: (session) => (session === 'a' ? join(dir, 'a.sock') : undefined),
      passwordOf: () => 'vncpassA',
      onConnection: (event) => events.push(event),
      idleCheckMs: 20,
    });
    const screenRequest = Buffer.from([3, 1, 0, 0, 0, 0, 2, 128, 1, 224]);
    const keyPress = Buffer.from([4, 1, 0, 0, 0, 0, 0, 0x61]);
    const send = async (socket: Socket, message: Buffer, times: number) => {
      for (let n = 0; n < times && !socket.destroyed; n += 1) {
        socket.write(message);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      idle.expect(pendingLogin('a', 'Secret-typing', Date.now(), 300));
      await viewer(idle.port, 'Secret-typing', 8, async (socket) => {
        await send(socket, keyPress, 12);
        // 600 ms of typing outlasts the 300 ms limit: still connected.
        expect(events.some((event) => event.type === 'disconnected')).toBe(false);
        // Screen updates alone are not input.
        await send(socket, screenRequest, 12);
        expect(socket.destroyed || (await once(socket, 'close'))).toBeTruthy();
      });
      await expect.poll(() => events.at(-1)).toMatchObject({ type: 'disconnected', reason: 'idle' });
      const lasted = (events.at(-1) as { durationMs: number }).durationMs;
      expect(lasted).toBeGreaterThanOrEqual(850);
    } finally {
      await idle.close();
    }
  });

  it('closes a connection that sends a message RFB does not know', async () => {
    router.expect(pendingLogin('a', 'Secret-garbled', now));
    await viewer(router.port, 'Secret-garbled', 8, async (socket) => {
      socket.write(Buffer.from([0x7f, 0, 0, 0]));
      await once(socket, 'close');
    });
    await expect
      .poll(() => events.at(-1))
      .toMatchObject({
        type: 'disconnected',
        reason: 'unsupported client message type 127',
      });
  });

  it('drops a client that stalls the handshake', async () => {
    const slow = await startRfbRouter({
      port: 0,
      socketOf: () => undefined,
      passwordOf: () => undefined,
      onConnection: (event) => events.push(event),
      handshakeTimeoutMs: 100,
    });
    const socket = connect(slow.port, '127.0.0.1');
    socket.on('data', () => {});
    await once(socket, 'close');
    await expect.poll(() => events).toEqual([{ type: 'refused', reason: 'handshake timed out' }]);
    await slow.close();
  });
});
