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
  const { browser, upstream } = options;
  browser.binaryType = 'nodebuffer';
  const fromBrowser = new ByteQueue();
  const fromUpstream = new ByteQueue();
  let filter: ClientMessageFilter | null = null;
  let outgoing: Buffer[] = [];
  let ended: RelayEnd | null = null;
  let upstreamPaused = false;
  let lastInput = 0;

  let resolveDone: (end: RelayEnd) => void = () => {};
  const done = new Promise<RelayEnd>((resolve) => {
    resolveDone = resolve;
  });

  function end(by: RelayEnd['by'], reason: string, code: number, browserReason: string): void {
    if (ended) return;
    const result: RelayEnd = { by, reason };
    ended = result;
    clearTimeout(handshakeTimer);
    const stopped = new Error('relay ended');
    fromBrowser.fail(stopped);
    fromUpstream.fail(stopped);
    closeBrowser(code, browserReason);
    upstream.destroy();
    // At once: a browser may take ws's 30 s close timeout to drop the connection, and the session is
    // disconnected from the moment the relay ends, not when the socket finally goes.
    resolveDone(result);
  }

  function closeBrowser(code: number, reason: string): void {
    if (browser.readyState !== WebSocket.OPEN && browser.readyState !== WebSocket.CONNECTING) return;
    try {
      // A close reason may hold at most 123 bytes.
      browser.close(code, Buffer.from(reason).subarray(0, 123).toString());
    } catch {
      browser.terminate(); // invalid close code
    }
  }

  function toBrowser(chunk: Buffer): void {
    browser.send(chunk, { binary: true }, () => {
      if (upstreamPaused && !ended && browser.bufferedAmount <= options.maxBufferedBytes) {
        upstreamPaused = false;
        upstream.resume();
      }
    });
    if (!upstreamPaused && browser.bufferedAmount > options.maxBufferedBytes) {
      upstreamPaused = true;
      upstream.pause();
    }
  }

  function toUpstream(message: Buffer): void {
    if (upstream.write(message) || browser.isPaused) return;
    browser.pause();
    upstream.once('drain', () => browser.resume());
  }

  function fromBrowserMessage(data: Buffer): void {
    if (!filter) {
      fromBrowser.push(data);
      return;
    }
    let failure: unknown = null;
    try {
      filter.push(data);
    } catch (error) {
      failure = error;
    }
    // One write per WebSocket message, however many RFB messages it held.
    if (outgoing.length > 0) toUpstream(Buffer.concat(outgoing));
    outgoing = [];
    if (failure instanceof UnsupportedMessageError) {
      end('browser', failure.message, CLOSE_PROTOCOL, 'unsupported message');
    } else if (failure) {
      // Thrown from within an event handler it would take the whole server down.
      end('gateway', `relay error: ${String(failure)}`, CLOSE_INTERNAL, 'internal error');
    }
  }

  const handshakeTimer = setTimeout(
    () => end('gateway', 'handshake timed out', CLOSE_HANDSHAKE, 'desktop handshake timed out'),
    options.handshakeTimeoutMs,
  );

  browser.on('message', (data: Buffer, isBinary) => {
    if (ended) return;
    if (isBinary) fromBrowserMessage(data);
    else end('browser', 'text message', CLOSE_PROTOCOL, 'binary messages only');
  });
  browser.on('close', (code) => end('browser', `browser closed (${code})`, code, ''));
  browser.on('error', (error) => end('browser', `browser error: ${error.message}`, CLOSE_PROTOCOL, ''));

  upstream.on('data', (chunk: Buffer) => {
    if (ended) return;
    if (filter) toBrowser(chunk);
    else fromUpstream.push(chunk);
  });
  function upstreamGone(reason: string): void {
    if (filter) {
      // The gateway may know why (the session ended) and tell the browser with its own close code.
      const verdict = options.onDesktopGone?.() ?? Promise.resolve(DESKTOP_CLOSED);
      void verdict
        .catch(() => DESKTOP_CLOSED)
        .then((close) => end('upstream', reason, close.code, close.reason));
      return;
    }
    // The server may have explained a refusal just before closing; the handshake reads that from
    // bytes already queued and reports it first.
    setImmediate(() => end('upstream', reason, CLOSE_HANDSHAKE, 'desktop connection failed'));
  }
  upstream.on('end', () => upstreamGone('desktop closed the connection'));
  upstream.on('close', () => upstreamGone('desktop connection closed'));
  upstream.on('error', (error) => upstreamGone(`desktop connection error: ${error.message}`));

  const authenticated = authenticateUpstream(
    (size) => fromUpstream.read(size),
    (bytes) => upstream.write(bytes),
    options.password,
  );
  // Fail as soon as the server does, not only once the browser has finished its part.
  authenticated.catch(handshakeFailed);

  greetBrowser(
    (size) => fromBrowser.read(size),
    (bytes) => browser.send(bytes, { binary: true }),
  )
    .then(async (clientInit) => {
      await authenticated;
      if (ended) return;
      clearTimeout(handshakeTimer);
      upstream.write(clientInit);
      filter = new ClientMessageFilter(options.pasteIn, {
        forward: (message) => outgoing.push(message),
        input() {
          const now = Date.now();
          if (now - lastInput < INPUT_REPORT_MS) return;
          lastInput = now;
          options.onInput();
        },
        paste: (bytes) => options.onPaste(bytes),
      });
      // Whatever arrived early on either side goes through the same paths as later bytes.
      const early = fromUpstream.take(fromUpstream.length);
      if (early.length > 0) toBrowser(early);
      const pending = fromBrowser.take(fromBrowser.length);
      if (pending.length > 0) fromBrowserMessage(pending);
    })
    .catch(handshakeFailed);

  function handshakeFailed(error: unknown): void {
    if (ended) return;
    if (error instanceof HandshakeError) {
      end(
        'upstream',
        [error.message, error.detail].filter(Boolean).join(': '),
        CLOSE_HANDSHAKE,
        error.message,
      );
    } else if (error instanceof BrowserProtocolError) {
      end('browser', error.message, CLOSE_PROTOCOL, error.message);
    } else {
      end('gateway', `handshake error: ${String(error)}`, CLOSE_HANDSHAKE, 'desktop handshake failed');
    }
  }

  return {
    done,
    close: (code, reason) => end('gateway', reason, code, reason),
  };
}
