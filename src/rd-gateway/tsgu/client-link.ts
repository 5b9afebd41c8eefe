import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { ChunkedDecoder } from './http-chunked.js';
import { DEFAULT_MAX_PACKET_LENGTH } from './tsgu-packets.js';
import { WS_OPCODE, WsFrameReader, wsClosePayload, wsFrame, wsFrameHeader } from './ws-frames.js';

/**
 * How MS-TSGU packets travel between the gateway and one client: over one WebSocket, or over the HTTP
 * transport's two connections (RDG_OUT_DATA carries the gateway's packets, RDG_IN_DATA the client's).
 */
export interface ClientLink {
  /** The client's MS-TSGU bytes as they arrive, beginning with `first` (what came with the request head). */
  onBytes(first: Buffer, listener: (bytes: Buffer) => void, onError: (error: Error) => void): void;
  /** One packet to the client, its head and (not copied) data written together. */
  send(head: Buffer, data?: Buffer): void;
  /** Bytes waiting to go to the client. */
  readonly buffered: number;
  onDrain(listener: () => void): void;
  pause(): void;
  resume(): void;
  /** The client went away, or closed the WebSocket. */
  onGone(listener: (reason: string) => void): void;
  close(): void;
}

/** Feeds `first`, then every chunk of `socket`, to `handle`; what it throws goes to `onError`. */
function receive(
  socket: Duplex,
  first: Buffer,
  onError: (error: Error) => void,
  handle: (chunk: Buffer) => void,
) {
  const guarded = (chunk: Buffer) => {
    try {
      handle(chunk);
    } catch (error) {
      onError(error as Error);
    }
  };
  if (first.length > 0) guarded(first);
  socket.on('data', guarded);
}

/** Tells whoever listens that the client is gone, and why. */
function goneEvents() {
  const listeners: ((reason: string) => void)[] = [];
  return {
    gone: (reason: string) => {
      for (const listener of listeners) listener(reason);
    },
    onGone: (listener: (reason: string) => void) => {
      listeners.push(listener);
    },
  };
}

function watch(socket: Duplex, gone: (reason: string) => void): void {
  socket.on('error', () => gone('client connection error'));
  socket.on('close', () => gone('client went away'));
}

/** After the upgrade: binary frames carry packets, one per frame; pings are answered. */
export function websocketLink(socket: Duplex): ClientLink {
  const { gone, onGone } = goneEvents();
  const frames = new WsFrameReader({
    maxPayload: DEFAULT_MAX_PACKET_LENGTH,
    onPing: (payload) => socket.write(wsFrame(WS_OPCODE.pong, payload)),
    onClose: () => gone('client closed'),
  });
  watch(socket, gone);
  return {
    onBytes: (first, listener, onError) =>
      receive(socket, first, onError, (chunk) => {
        for (const message of frames.push(chunk)) listener(message);
      }),
    send: (head, data) => {
      const length = head.length + (data?.length ?? 0);
      socket.cork();
      socket.write(Buffer.concat([wsFrameHeader(WS_OPCODE.binary, length), head]));
      if (data) socket.write(data);
      socket.uncork();
    },
    get buffered() {
      return socket.writableLength;
    },
    onDrain: (listener) => socket.on('drain', listener),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    onGone,
    close: () => {
      if (!socket.destroyed) socket.write(wsFrame(WS_OPCODE.close, wsClosePayload(1000)));
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };
}

/** What the gateway sends first on RDG_OUT_DATA: its answer, then the "seed" MS-TSGU 3.3.5.1 speaks of. */
export function httpOutResponse(): Buffer {
  return Buffer.concat([
    Buffer.from(
      'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nCache-Control: no-cache\r\n\r\n',
    ),
    randomBytes(10),
  ]);
}

/** The HTTP transport: packets out raw on RDG_OUT_DATA, in as the chunked body of RDG_IN_DATA. */
export function httpLink(out: Duplex, input: Duplex): ClientLink {
  const { gone, onGone } = goneEvents();
  const body = new ChunkedDecoder(DEFAULT_MAX_PACKET_LENGTH);
  watch(out, gone);
  watch(input, gone);
  // The client sends nothing more on its OUT connection.
  out.on('data', () => gone('data on the RDG_OUT_DATA connection'));
  return {
    onBytes: (first, listener, onError) =>
      receive(input, first, onError, (chunk) => {
        for (const bytes of body.push(chunk)) listener(bytes);
        if (body.ended) gone('client ended its RDG_IN_DATA body');
      }),
    send: (head, data) => {
      out.cork();
      out.write(head);
      if (data) out.write(data);
      out.uncork();
    },
    get buffered() {
      return out.writableLength;
    },
    onDrain: (listener) => out.on('drain', listener),
    pause: () => input.pause(),
    resume: () => input.resume(),
    onGone,
    close: () => {
      for (const socket of [out, input]) {
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      }
    },
  };
}
