import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { ByteQueue } from '../../rfb/byte-queue.js';
import { ClientMessageFilter, UnsupportedMessageError } from '../../rfb/client-messages.js';
import {
  authenticateUpstream,
  BrowserProtocolError,
  greetBrowser,
  HandshakeError,
} from '../../rfb/handshake.js';

export interface VncRelayOptions {
  /** Already open; its binaryType is set to 'nodebuffer'. */
  browser: WebSocket;
  /** Already connected to the VNC server. */
  upstream: Duplex;
  /** VncAuth password (first 8 bytes used); never reaches the browser. */
  password: string;
  /** null: clipboard text from the browser is dropped; otherwise at most maxBytes per paste, reported. */
  pasteIn: { maxBytes: number } | null;
  /** Called, at most once per second, when the browser sends key or pointer input. */
  onInput(): void;
  /** Called for each paste let through, with its length (never its content). */
  onPaste(bytes: number): void;
  /** Handshake limit in ms, both sides together, until the browser's ClientInit is forwarded. */
  handshakeTimeoutMs: number;
  /** Upper bound of bytes buffered towards the browser before upstream reads are paused. */
  maxBufferedBytes: number;
  /** When the desktop closes after the handshake: the close code and reason the browser gets (default 1000). */
  onDesktopGone?(): Promise<{ code: number; reason: string }>;
}

/** Who ended the relay: the side that closed or misbehaved, or the gateway (close(), timeout). */
export type RelayEnd = { by: 'browser' | 'upstream' | 'gateway'; reason: string };

export interface VncRelay {
  /** Resolves once, when the relay ends; both sides are then being closed. */
  done: Promise<RelayEnd>;
  close(code: number, reason: string): void;
}

/** WebSocket close codes the browser sees. */
const CLOSE_NORMAL = 1000;
const CLOSE_PROTOCOL = 4400;
const CLOSE_HANDSHAKE = 4500;
const CLOSE_INTERNAL = 1011;
const INPUT_REPORT_MS = 1000;
const DESKTOP_CLOSED = { code: CLOSE_NORMAL, reason: 'desktop closed' };

/**
 * Relays noVNC in the browser to a VNC server: the gateway answers the server's VncAuth itself
 * and offers the browser security type None, then passes server bytes through verbatim and
 * browser bytes only as whole, known client messages.
 */
export function startVncRelay(options: VncRelayOptions): VncRelay {
  const relay = new VncRelayConnection(options);
  relay.start();
  return { done: relay.done, close: (code, reason) => relay.end('gateway', reason, code, reason) };
}

/**
 * One relay's state. Until both handshakes are done each side's bytes wait in its queue; from then on the
 * filter frames the browser's and the server's go straight through.
 */
class VncRelayConnection {
  readonly done: Promise<RelayEnd>;
  private resolveDone: (end: RelayEnd) => void = () => {};
  private readonly browser: WebSocket;
  private readonly upstream: Duplex;
  private readonly fromBrowser = new ByteQueue();
  private readonly fromUpstream = new ByteQueue();
  /** Set once both handshakes are done. */
  private filter: ClientMessageFilter | null = null;
  /** What the filter let through of the browser's current WebSocket message. */
  private outgoing: Buffer[] = [];
  private ended: RelayEnd | null = null;
  private upstreamPaused = false;
  private lastInput = 0;
  private handshakeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: VncRelayOptions) {
    this.browser = options.browser;
    this.upstream = options.upstream;
    this.done = new Promise<RelayEnd>((resolve) => {
      this.resolveDone = resolve;
    });
  }

  start(): void {
    const { browser, upstream, options } = this;
    browser.binaryType = 'nodebuffer';
    this.handshakeTimer = setTimeout(
      () => this.end('gateway', 'handshake timed out', CLOSE_HANDSHAKE, 'desktop handshake timed out'),
      options.handshakeTimeoutMs,
    );
    browser.on('message', (data: Buffer, isBinary) => {
      if (this.ended) return;
      if (isBinary) this.fromBrowserMessage(data);
      else this.end('browser', 'text message', CLOSE_PROTOCOL, 'binary messages only');
    });
    browser.on('close', (code) => this.end('browser', `browser closed (${code})`, code, ''));
    browser.on('error', (error) =>
      this.end('browser', `browser error: ${error.message}`, CLOSE_PROTOCOL, ''),
    );
    upstream.on('data', (chunk: Buffer) => {
      if (this.ended) return;
      if (this.filter) this.toBrowser(chunk);
      else this.fromUpstream.push(chunk);
    });
    upstream.on('end', () => this.upstreamGone('desktop closed the connection'));
    upstream.on('close', () => this.upstreamGone('desktop connection closed'));
    upstream.on('error', (error) => this.upstreamGone(`desktop connection error: ${error.message}`));
    this.handshake();
  }

  end(by: RelayEnd['by'], reason: string, code: number, browserReason: string): void {
    if (this.ended) return;
    const result: RelayEnd = { by, reason };
    this.ended = result;
    clearTimeout(this.handshakeTimer);
    const stopped = new Error('relay ended');
    this.fromBrowser.fail(stopped);
    this.fromUpstream.fail(stopped);
    this.closeBrowser(code, browserReason);
    this.upstream.destroy();
    // At once: a browser may take ws's 30 s close timeout to drop the connection, and the session is
    // disconnected from the moment the relay ends, not when the socket finally goes.
    this.resolveDone(result);
  }

  /** Both handshakes at once: the server's VncAuth (answered here) and the browser's (offered None). */
  private handshake(): void {
    const { browser, upstream } = this;
    const authenticated = authenticateUpstream(
      (size) => this.fromUpstream.read(size),
      (bytes) => upstream.write(bytes),
      this.options.password,
    );
    // Fail as soon as the server does, not only once the browser has finished its part.
    authenticated.catch((error: unknown) => this.handshakeFailed(error));
    greetBrowser(
      (size) => this.fromBrowser.read(size),
      (bytes) => browser.send(bytes, { binary: true }),
    )
      .then(async (clientInit) => {
        await authenticated;
        if (this.ended) return;
        this.startRelaying(clientInit);
      })
      .catch((error: unknown) => this.handshakeFailed(error));
  }

  private handshakeFailed(error: unknown): void {
    if (this.ended) return;
    if (error instanceof HandshakeError) {
      this.end(
        'upstream',
        [error.message, error.detail].filter(Boolean).join(': '),
        CLOSE_HANDSHAKE,
        error.message,
      );
    } else if (error instanceof BrowserProtocolError) {
      this.end('browser', error.message, CLOSE_PROTOCOL, error.message);
    } else {
      this.end('gateway', `handshake error: ${String(error)}`, CLOSE_HANDSHAKE, 'desktop handshake failed');
    }
  }

  private startRelaying(clientInit: Buffer): void {
    clearTimeout(this.handshakeTimer);
    this.upstream.write(clientInit);
    this.filter = new ClientMessageFilter(this.options.pasteIn, {
      forward: (message) => this.outgoing.push(message),
      input: () => {
        const now = Date.now();
        if (now - this.lastInput < INPUT_REPORT_MS) return;
        this.lastInput = now;
        this.options.onInput();
      },
      paste: (bytes) => this.options.onPaste(bytes),
    });
    // Whatever arrived early on either side goes through the same paths as later bytes.
    const early = this.fromUpstream.take(this.fromUpstream.length);
    if (early.length > 0) this.toBrowser(early);
    const pending = this.fromBrowser.take(this.fromBrowser.length);
    if (pending.length > 0) this.fromBrowserMessage(pending);
  }

  private closeBrowser(code: number, reason: string): void {
    const { browser } = this;
    if (browser.readyState !== WebSocket.OPEN && browser.readyState !== WebSocket.CONNECTING) return;
    try {
      // A close reason may hold at most 123 bytes.
      browser.close(code, Buffer.from(reason).subarray(0, 123).toString());
    } catch {
      browser.terminate(); // invalid close code
    }
  }

  private toBrowser(chunk: Buffer): void {
    const { browser, upstream, options } = this;
    browser.send(chunk, { binary: true }, () => {
      if (this.upstreamPaused && !this.ended && browser.bufferedAmount <= options.maxBufferedBytes) {
        this.upstreamPaused = false;
        upstream.resume();
      }
    });
    if (!this.upstreamPaused && browser.bufferedAmount > options.maxBufferedBytes) {
      this.upstreamPaused = true;
      upstream.pause();
    }
  }

  private toUpstream(message: Buffer): void {
    const { browser, upstream } = this;
    if (upstream.write(message) || browser.isPaused) return;
    browser.pause();
    upstream.once('drain', () => browser.resume());
  }

  private fromBrowserMessage(data: Buffer): void {
    if (!this.filter) {
      this.fromBrowser.push(data);
      return;
    }
    let failure: unknown = null;
    try {
      this.filter.push(data);
    } catch (error) {
      failure = error;
    }
    // One write per WebSocket message, however many RFB messages it held.
    if (this.outgoing.length > 0) this.toUpstream(Buffer.concat(this.outgoing));
    this.outgoing = [];
    if (failure instanceof UnsupportedMessageError) {
      this.end('browser', failure.message, CLOSE_PROTOCOL, 'unsupported message');
    } else if (failure) {
      // Thrown from within an event handler it would take the whole server down.
      this.end('gateway', `relay error: ${String(failure)}`, CLOSE_INTERNAL, 'internal error');
    }
  }

  private upstreamGone(reason: string): void {
    if (this.filter) {
      // The gateway may know why (the session ended) and tell the browser with its own close code.
      const verdict = this.options.onDesktopGone?.() ?? Promise.resolve(DESKTOP_CLOSED);
      void verdict
        .catch(() => DESKTOP_CLOSED)
        .then((close) => this.end('upstream', reason, close.code, close.reason));
      return;
    }
    // The server may have explained a refusal just before closing; the handshake reads that from
    // bytes already queued and reports it first.
    setImmediate(() => this.end('upstream', reason, CLOSE_HANDSHAKE, 'desktop connection failed'));
  }
}
