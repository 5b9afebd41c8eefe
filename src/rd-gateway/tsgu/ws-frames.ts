import { TextDecoder } from 'node:util';
import { ReceiveBuffer } from './receive-buffer.js';

/**
 * The server side of RFC 6455 framing, just what the gateway needs: the `ws` package refuses
 * FreeRDP 2.11.7's short Sec-WebSocket-Key, so the upgraded TLS socket is framed by hand.
 * Only binary messages carry data; no extensions are negotiated.
 */

export const WS_OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

const MAX_CONTROL_PAYLOAD = 125;

export type WsRefusal =
  | 'reserved-bits'
  | 'unmasked-frame'
  | 'unknown-opcode'
  | 'text-frame'
  | 'bad-control-frame'
  | 'unexpected-continuation'
  | 'expected-continuation'
  | 'message-too-large'
  | 'bad-close-payload';

/** The close code to send back for each refusal (RFC 6455 section 7.4.1). */
const CLOSE_CODES: Record<WsRefusal, number> = {
  'reserved-bits': 1002,
  'unmasked-frame': 1002,
  'unknown-opcode': 1002,
  'text-frame': 1003,
  'bad-control-frame': 1002,
  'unexpected-continuation': 1002,
  'expected-continuation': 1002,
  'message-too-large': 1009,
  'bad-close-payload': 1002,
};

export class WsFrameError extends Error {
  readonly closeCode: number;

  constructor(
    readonly reason: WsRefusal,
    detail = '',
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'WsFrameError';
    this.closeCode = CLOSE_CODES[reason];
  }
}

export interface WsFrameReaderOptions {
  /**
   * Largest binary message (and so frame payload) accepted, fragments included. FreeRDP sends one
   * TSGU packet per message, so the gateway needs at least DEFAULT_MAX_PACKET_LENGTH.
   */
  maxPayload: number;
  /** Called with a ping's payload; the caller answers with a pong carrying it. */
  onPing(payload: Buffer): void;
  /** Called once with the peer's close code (null when it sent none) and reason. */
  onClose(code: number | null, reason: string): void;
}

export class WsFrameReader {
  private readonly input = new ReceiveBuffer();
  /** The fragments of an unfinished message, joined as they come. */
  private readonly message = new ReceiveBuffer();
  private inMessage = false;
  private closed = false;
  private failure: unknown = null;

  constructor(private readonly options: WsFrameReaderOptions) {}

  /**
   * Bytes held back: the fragments of an unfinished message and a partial frame, so at most
   * `maxPayload` plus a control frame (139 bytes).
   */
  get buffered(): number {
    return this.input.length + this.message.length;
  }

  /**
   * Takes the next bytes off the socket and returns the binary messages they complete. On a bad frame
   * it throws instead, dropping any message completed in the same chunk: the connection is to be closed.
   */
  push(chunk: Buffer): Buffer[] {
    if (this.failure) throw this.failure;
    // After a close the peer must send nothing more; whatever it does is dropped unread.
    if (this.closed) return [];
    this.input.append(chunk);
    const messages: Buffer[] = [];
    try {
      for (let frame = this.nextFrame(); frame; frame = this.closed ? null : this.nextFrame()) {
        const message = this.handle(frame.opcode, frame.fin, frame.payload);
        if (message) messages.push(message);
      }
    } catch (error) {
      // The stream is out of step for good: keep refusing rather than parse from the middle of a frame.
      this.failure = error;
      this.input.clear();
      this.message.clear();
      throw error;
    }
    if (this.closed) this.input.clear();
    return messages;
  }

  /** Takes the first complete frame off the input, refusing bad headers before their payload arrives. */
  private nextFrame(): { opcode: number; fin: boolean; payload: Buffer } | null {
    const bytes = this.input.unread;
    if (bytes.length < 2) return null;
    const [first = 0, second = 0] = bytes;
    const fin = (first & 0x80) !== 0;
    const opcode = first & 0x0f;
    if (first & 0x70) throw new WsFrameError('reserved-bits');
    if (!(second & 0x80)) throw new WsFrameError('unmasked-frame');
    this.checkOpcode(opcode, fin);
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (bytes.length < 4) return null;
      length = bytes.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (bytes.length < 10) return null;
      // Refuse on the high word alone so a 64-bit length never becomes an imprecise number.
      if (bytes.readUInt32BE(2) !== 0) throw new WsFrameError('message-too-large', 'over 4 GiB');
      length = bytes.readUInt32BE(6);
      offset = 10;
    }
    if (opcode >= WS_OPCODE.close && length > MAX_CONTROL_PAYLOAD) {
      throw new WsFrameError('bad-control-frame', `${length}-byte payload`);
    }
    if (opcode < WS_OPCODE.close && this.message.length + length > this.options.maxPayload) {
      throw new WsFrameError('message-too-large', `${this.message.length + length} bytes`);
    }
    const end = offset + 4 + length;
    if (bytes.length < end) return null;
    const mask = bytes.subarray(offset, offset + 4);
    const payload = Buffer.from(bytes.subarray(offset + 4, end));
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i & 3] ?? 0);
    this.input.consume(end);
    return { opcode, fin, payload };
  }

  private checkOpcode(opcode: number, fin: boolean): void {
    if (opcode === WS_OPCODE.text) throw new WsFrameError('text-frame');
    if (opcode === WS_OPCODE.continuation && !this.inMessage) {
      throw new WsFrameError('unexpected-continuation');
    }
    if (opcode === WS_OPCODE.binary && this.inMessage) throw new WsFrameError('expected-continuation');
    if (opcode >= WS_OPCODE.close && !fin) throw new WsFrameError('bad-control-frame', 'fragmented');
    const known = opcode <= WS_OPCODE.binary || (opcode >= WS_OPCODE.close && opcode <= WS_OPCODE.pong);
    if (!known) throw new WsFrameError('unknown-opcode', `0x${opcode.toString(16)}`);
  }

  private handle(opcode: number, fin: boolean, payload: Buffer): Buffer | null {
    switch (opcode) {
      case WS_OPCODE.ping:
        this.options.onPing(payload);
        return null;
      case WS_OPCODE.pong:
        return null;
      case WS_OPCODE.close: {
        const [code, reason] = parseClosePayload(payload);
        this.closed = true;
        this.options.onClose(code, reason);
        return null;
      }
      default: {
        this.inMessage = !fin;
        if (fin && this.message.length === 0) return payload;
        this.message.append(payload);
        if (!fin) return null;
        const message = Buffer.from(this.message.unread);
        this.message.clear();
        return message;
      }
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseClosePayload(payload: Buffer): [number | null, string] {
  if (payload.length === 0) return [null, ''];
  if (payload.length === 1) throw new WsFrameError('bad-close-payload', 'one byte');
  const code = payload.readUInt16BE(0);
  if (!isSendableCloseCode(code)) throw new WsFrameError('bad-close-payload', `code ${code}`);
  try {
    return [code, utf8.decode(payload.subarray(2))];
  } catch {
    throw new WsFrameError('bad-close-payload', 'reason is not UTF-8');
  }
}

/** Codes a peer may put on the wire: 1004-1006 and 1015 are reserved for local use. */
function isSendableCloseCode(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999)
  );
}

/** One unmasked, final server frame. */
export function wsFrame(opcode: number, payload: Buffer): Buffer {
  if (opcode >= WS_OPCODE.close && payload.length > MAX_CONTROL_PAYLOAD) {
    throw new RangeError(`control frame payload of ${payload.length} bytes`);
  }
  return Buffer.concat([wsFrameHeader(opcode, payload.length), payload]);
}

/** The header of a server frame (unmasked, final) whose payload of `length` bytes is written after it. */
export function wsFrameHeader(opcode: number, length: number): Buffer {
  if (length < 126) return Buffer.from([0x80 | opcode, length]);
  if (length <= 0xffff) {
    const header = Buffer.from([0x80 | opcode, 126, 0, 0]);
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.from([0x80 | opcode, 127, 0, 0, 0, 0, 0, 0, 0, 0]);
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/** The payload of a close frame: the code, then the reason in UTF-8. */
export function wsClosePayload(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code);
  payload.write(reason, 2);
  return payload;
}
