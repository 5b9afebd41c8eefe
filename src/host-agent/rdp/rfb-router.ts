import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { ByteQueue } from '../../rfb/byte-queue.js';
import { ClientMessageFilter } from '../../rfb/client-messages.js';
import { authenticateUpstream } from '../../rfb/handshake.js';
import { type PendingLogin, PendingLogins } from './pending-logins.js';
import { challengeClient, securityResult } from './vnc-auth-server.js';

/** What happened to a connection from xrdp; for the audit log and the session's timers. */
export type RfbRouterEvent =
  | { type: 'refused'; reason: string }
  | { type: 'failed'; sessionId: string; reason: string }
  | { type: 'connected'; sessionId: string; connectionId: number }
  | { type: 'disconnected'; sessionId: string; connectionId: number; durationMs: number; reason: string };

export interface RfbRouterOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** The session's VNC Unix socket, or undefined when the session has no desktop. */
  socketOf(sessionId: string): string | undefined;
  /** The session's real VNC password. */
  passwordOf(sessionId: string): string | undefined;
  onConnection?(event: RfbRouterEvent): void;
  handshakeTimeoutMs?: number;
  /** How often relayed connections are checked against their idle limit. */
  idleCheckMs?: number;
  maxConnections?: number;
  now?: () => number;
}

export interface RfbRouter {
  port: number;
  /** Lets one xrdp connection that presents this login's secret through to its session. */
  expect(login: PendingLogin): void;
  close(): Promise<void>;
}

const REFUSAL = 'authentication failed';

function bindQueue(socket: Socket): { queue: ByteQueue; detach(): void } {
  const queue = new ByteQueue();
  const onData = (chunk: Buffer) => queue.push(chunk);
  socket.on('data', onData);
  socket.once('close', () => queue.fail(new Error('connection closed')));
  return { queue, detach: () => socket.off('data', onData) };
}

async function connectUnix(path: string): Promise<Socket> {
  const socket = connect(path);
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

/**
 * The RFB server xrdp's libvnc connects to (it cannot reach a Unix socket): it learns which
 * session the connection belongs to from the VncAuth answer, which is DES of the RDP logon
 * secret PAM has just accepted, then logs in to that session's Xvnc with the real VNC password
 * and relays bytes from ClientInit on.
 */
export async function startRfbRouter(options: RfbRouterOptions): Promise<RfbRouter> {
  const logins = new PendingLogins(options.now);
  const sockets = new Set<Socket>();
  const emit = (event: RfbRouterEvent) => options.onConnection?.(event);
  let nextConnectionId = 1;

  /** Resolves with whether the connection is now relayed; rejects when the client breaks the handshake. */
  async function route(client: Socket): Promise<boolean> {
    const fromClient = bindQueue(client);
    const attempt = await challengeClient(
      (size) => fromClient.queue.read(size),
      (bytes) => client.write(bytes),
    );
    const login = logins.claim(attempt.challenge, attempt.response);
    if (!login) {
      emit({ type: 'refused', reason: 'no pending login matches' });
      client.end(securityResult(attempt.minor, REFUSAL));
      return false;
    }
    const { sessionId } = login;
    const path = options.socketOf(sessionId);
    const password = options.passwordOf(sessionId);
    let upstream: Socket | undefined;
    try {
      if (!path || password === undefined) throw new Error('session has no desktop');
      const socket = await connectUnix(path);
      upstream = socket;
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // A client that goes away (or times out) mid-handshake takes the desktop connection with it.
      client.once('close', () => socket.destroy());
      const fromUpstream = bindQueue(socket);
      await authenticateUpstream(
        (size) => fromUpstream.queue.read(size),
        (bytes) => socket.write(bytes),
        password,
      );
      fromUpstream.detach();
      client.write(securityResult(attempt.minor));
      relay(login, client, fromClient, socket, fromUpstream.queue);
      return true;
    } catch (error) {
      upstream?.destroy();
      emit({ type: 'failed', sessionId, reason: (error as Error).message });
      client.end(securityResult(attempt.minor, REFUSAL));
      return false;
    }
  }

  /**
   * From ClientInit on: the desktop's bytes go to xrdp as they are; xrdp's are framed into RFB messages, so
   * that only whole, known messages reach Xvnc and keyboard or mouse input can be told from screen requests
   * (R25: a connection without input for the login's idle limit is closed; the session stays).
   */
  function relay(
    login: PendingLogin,
    client: Socket,
    fromClient: { queue: ByteQueue; detach(): void },
    upstream: Socket,
    upstreamRest: ByteQueue,
  ): void {
    const { sessionId } = login;
    const connectionId = nextConnectionId++;
    const started = Date.now();
    let lastInput = Date.now();
    fromClient.detach();
    const messages = new ClientMessageFilter(null, {
      forward: (message) => {
        if (!upstream.write(message)) client.pause();
      },
      input: () => {
        lastInput = Date.now();
      },
      paste: () => {},
    });
    let open = true;
    const end = (reason: string) => {
      if (!open) return;
      open = false;
      clearInterval(idleCheck);
      client.destroy();
      upstream.destroy();
      emit({ type: 'disconnected', sessionId, connectionId, durationMs: Date.now() - started, reason });
    };
    let clientInit = true;
    const push = (chunk: Buffer) => {
      // ClientInit (the shared flag, one byte) comes before the first message.
      if (clientInit && chunk.length > 0) {
        clientInit = false;
        upstream.write(chunk.subarray(0, 1));
        chunk = chunk.subarray(1);
      }
      try {
        messages.push(chunk);
      } catch (error) {
        end((error as Error).message);
      }
    };
    const { idleMs } = login;
    const idleCheck =
      idleMs === null
        ? undefined
        : setInterval(() => {
            if (Date.now() - lastInput > idleMs) end('idle');
          }, options.idleCheckMs ?? 5_000);
    // Bytes that arrived with the handshake's last read go first.
    if (fromClient.queue.length > 0) push(fromClient.queue.take(fromClient.queue.length));
    if (upstreamRest.length > 0) client.write(upstreamRest.take(upstreamRest.length));
    client.on('data', push);
    upstream.on('drain', () => client.resume());
    upstream.pipe(client);
    client.once('close', () => end('closed by xrdp'));
    upstream.once('close', () => end('closed by the desktop'));
    emit({ type: 'connected', sessionId, connectionId });
  }

  const server = createServer((client) => {
    sockets.add(client);
    client.setNoDelay(true);
    client.on('error', () => {});
    // Also bounds how long a refused client may linger after our SecurityResult.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      client.destroy();
    }, options.handshakeTimeoutMs ?? 10_000);
    client.once('close', () => {
      clearTimeout(timer);
      sockets.delete(client);
    });
    route(client).then(
      (relayed) => {
        if (relayed) clearTimeout(timer);
      },
      (error: Error) => {
        emit({ type: 'refused', reason: timedOut ? 'handshake timed out' : error.message });
        client.destroy();
      },
    );
  });
  server.maxConnections = options.maxConnections ?? 64;
  server.listen(options.port, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('RFB router has no TCP address');

  return {
    port: address.port,
    expect: (login) => logins.add(login),
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
