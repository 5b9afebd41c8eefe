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

type BoundQueue = { queue: ByteQueue; detach(): void };

function bindQueue(socket: Socket): BoundQueue {
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
  const router = new Router(options);
  const server = createServer((client) => router.accept(client));
  server.maxConnections = options.maxConnections ?? 64;
  server.listen(options.port, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('RFB router has no TCP address');

  return {
    port: address.port,
    expect: (login) => router.logins.add(login),
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      router.destroyAll();
      await closed;
    },
  };
}

/** The router's state: the logins it expects, the sockets it holds (closed with it), the connections' numbers. */
class Router {
  readonly logins: PendingLogins;
  private readonly sockets = new Set<Socket>();
  private nextConnectionId = 1;

  constructor(private readonly options: RfbRouterOptions) {
    this.logins = new PendingLogins(options.now);
  }

  /** A connection from xrdp, routed to its session or refused within the handshake's time. */
  accept(client: Socket): void {
    this.sockets.add(client);
    client.setNoDelay(true);
    client.on('error', () => {});
    // Also bounds how long a refused client may linger after our SecurityResult.
    const deadline = { passed: false };
    const timer = setTimeout(() => {
      deadline.passed = true;
      client.destroy();
    }, this.options.handshakeTimeoutMs ?? 10_000);
    client.once('close', () => {
      clearTimeout(timer);
      this.sockets.delete(client);
    });
    this.route(client).then(
      (relayed) => {
        if (relayed) clearTimeout(timer);
      },
      (error: Error) => {
        this.emit({ type: 'refused', reason: deadline.passed ? 'handshake timed out' : error.message });
        client.destroy();
      },
    );
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private emit(event: RfbRouterEvent): void {
    this.options.onConnection?.(event);
  }

  /** Resolves with whether the connection is now relayed; rejects when the client breaks the handshake. */
  private async route(client: Socket): Promise<boolean> {
    const fromClient = bindQueue(client);
    const attempt = await challengeClient(
      (size) => fromClient.queue.read(size),
      (bytes) => client.write(bytes),
    );
    const login = this.logins.claim(attempt.challenge, attempt.response);
    if (!login) {
      this.emit({ type: 'refused', reason: 'no pending login matches' });
      client.end(securityResult(attempt.minor, REFUSAL));
      return false;
    }
    try {
      const desktop = await this.logInToDesktop(login.sessionId, client);
      client.write(securityResult(attempt.minor));
      const connection = new RelayedConnection(this.nextConnectionId++, login, client, desktop.socket, {
        emit: (event) => this.emit(event),
        idleCheckMs: this.options.idleCheckMs ?? 5_000,
      });
      connection.start(fromClient, desktop.rest);
      return true;
    } catch (error) {
      this.emit({ type: 'failed', sessionId: login.sessionId, reason: (error as Error).message });
      client.end(securityResult(attempt.minor, REFUSAL));
      return false;
    }
  }

  /** Logs in to the session's Xvnc with its real password: the socket, and what it sent beyond the handshake. */
  private async logInToDesktop(
    sessionId: string,
    client: Socket,
  ): Promise<{ socket: Socket; rest: ByteQueue }> {
    const path = this.options.socketOf(sessionId);
    const password = this.options.passwordOf(sessionId);
    if (!path || password === undefined) throw new Error('session has no desktop');
    const socket = await connectUnix(path);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    // A client that goes away (or times out) mid-handshake takes the desktop connection with it.
    client.once('close', () => socket.destroy());
    const fromUpstream = bindQueue(socket);
    try {
      await authenticateUpstream(
        (size) => fromUpstream.queue.read(size),
        (bytes) => socket.write(bytes),
        password,
      );
    } catch (error) {
      socket.destroy();
      throw error;
    }
    fromUpstream.detach();
    return { socket, rest: fromUpstream.queue };
  }
}

/**
 * From ClientInit on: the desktop's bytes go to xrdp as they are; xrdp's are framed into RFB messages, so
 * that only whole, known messages reach Xvnc and keyboard or mouse input can be told from screen requests
 * (R25: a connection without input for the login's idle limit is closed; the session stays).
 */
class RelayedConnection {
  private readonly started = Date.now();
  private lastInput = Date.now();
  private open = true;
  /** ClientInit (the shared flag, one byte) comes before the first message. */
  private awaitingClientInit = true;
  private idleCheck: NodeJS.Timeout | undefined;
  private readonly messages: ClientMessageFilter;

  constructor(
    private readonly connectionId: number,
    private readonly login: PendingLogin,
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly router: { emit(event: RfbRouterEvent): void; idleCheckMs: number },
  ) {
    this.messages = new ClientMessageFilter(null, {
      forward: (message) => {
        if (!upstream.write(message)) client.pause();
      },
      input: () => {
        this.lastInput = Date.now();
      },
      paste: () => {},
    });
  }

  start(fromClient: BoundQueue, upstreamRest: ByteQueue): void {
    const { client, upstream, login } = this;
    fromClient.detach();
    const { idleMs } = login;
    if (idleMs !== null) {
      this.idleCheck = setInterval(() => {
        if (Date.now() - this.lastInput > idleMs) this.end('idle');
      }, this.router.idleCheckMs);
    }
    // Bytes that arrived with the handshake's last read go first.
    if (fromClient.queue.length > 0) this.fromClient(fromClient.queue.take(fromClient.queue.length));
    if (upstreamRest.length > 0) client.write(upstreamRest.take(upstreamRest.length));
    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
    upstream.on('drain', () => client.resume());
    upstream.pipe(client);
    client.once('close', () => this.end('closed by xrdp'));
    upstream.once('close', () => this.end('closed by the desktop'));
    this.router.emit({ type: 'connected', sessionId: login.sessionId, connectionId: this.connectionId });
  }

  private fromClient(chunk: Buffer): void {
    let messages = chunk;
    if (this.awaitingClientInit && messages.length > 0) {
      this.awaitingClientInit = false;
      this.upstream.write(messages.subarray(0, 1));
      messages = messages.subarray(1);
    }
    try {
      this.messages.push(messages);
    } catch (error) {
      this.end((error as Error).message);
    }
  }

  private end(reason: string): void {
    if (!this.open) return;
    this.open = false;
    clearInterval(this.idleCheck);
    this.client.destroy();
    this.upstream.destroy();
    const { sessionId } = this.login;
    const durationMs = Date.now() - this.started;
    this.router.emit({
      type: 'disconnected',
      sessionId,
      connectionId: this.connectionId,
      durationMs,
      reason,
    });
  }
}
