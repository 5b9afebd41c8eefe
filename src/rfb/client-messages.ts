import { constants, inflateSync } from 'node:zlib';
import { ByteQueue } from './byte-queue.js';

/**
 * Client-to-server message types we let through: the RFB core plus the extensions noVNC 1.7
 * sends once the server announces them (see RFB.messages in @novnc/novnc core/rfb.js).
 */
const SET_PIXEL_FORMAT = 0;
const SET_ENCODINGS = 2;
const FRAMEBUFFER_UPDATE_REQUEST = 3;
const KEY_EVENT = 4;
const POINTER_EVENT = 5;
const CLIENT_CUT_TEXT = 6;
const ENABLE_CONTINUOUS_UPDATES = 150;
const CLIENT_FENCE = 248;
const XVP = 250;
const SET_DESKTOP_SIZE = 251;
const QEMU_CLIENT_MESSAGE = 255;
const QEMU_EXTENDED_KEY_EVENT = 0;

/**
 * With this pseudo-encoding a PointerEvent may grow to 7 bytes, depending on a marker bit and on
 * whether the server accepted it. We strip it from SetEncodings so the server never enables it
 * and our framing of PointerEvent can never differ from the server's.
 */
const EXTENDED_MOUSE_BUTTONS = -316;

// Extended clipboard (ClientCutText with a negative length): the action bits of its flags.
const ACTION_CAPS = 1 << 24;
const ACTION_NOTIFY = 1 << 27;
const ACTION_PROVIDE = 1 << 28;
/** Caps (flags + one u32 per format, at most 16 formats) is the largest non-Provide message. */
const MAX_CLIPBOARD_CONTROL = 4 + 4 * 16;

export class UnsupportedMessageError extends Error {
  constructor(readonly type: number) {
    super(`unsupported client message type ${type}`);
  }
}

export interface ClientMessageSink {
  forward(message: Buffer): void;
  input(): void;
  paste(bytes: number): void;
}

/** Total length of the message at the head of the queue; null while its header is incomplete. */
function messageLength(queue: ByteQueue): number | null {
  const type = queue.u8(0);
  const after = (header: number, length: () => number) => (queue.length < header ? null : length());
  switch (type) {
    case SET_PIXEL_FORMAT:
      return 20;
    case SET_ENCODINGS:
      return after(4, () => 4 + 4 * queue.u16(2));
    case FRAMEBUFFER_UPDATE_REQUEST:
    case ENABLE_CONTINUOUS_UPDATES:
      return 10;
    case KEY_EVENT:
      return 8;
    case POINTER_EVENT:
      return 6;
    case CLIENT_CUT_TEXT:
      return after(8, () => 8 + Math.abs(queue.i32(4)));
    case CLIENT_FENCE:
      return after(9, () => 9 + queue.u8(8));
    case XVP:
      return 4;
    case SET_DESKTOP_SIZE:
      return after(8, () => 8 + 16 * queue.u8(6));
    case QEMU_CLIENT_MESSAGE:
      return after(2, () => {
        if (queue.u8(1) !== QEMU_EXTENDED_KEY_EVENT) throw new UnsupportedMessageError(type);
        return 12;
      });
    default:
      throw new UnsupportedMessageError(type);
  }
}

function withoutExtendedMouseButtons(message: Buffer): Buffer {
  const encodings: number[] = [];
  for (let offset = 4; offset < message.length; offset += 4) {
    const encoding = message.readInt32BE(offset);
    if (encoding !== EXTENDED_MOUSE_BUTTONS) encodings.push(encoding);
  }
  const out = Buffer.alloc(4 + 4 * encodings.length);
  out.writeUInt8(SET_ENCODINGS);
  out.writeUInt16BE(encodings.length, 2);
  encodings.forEach((encoding, index) => {
    out.writeInt32BE(encoding, 4 + 4 * index);
  });
  return out;
}

/**
 * What an extended clipboard message does with the browser's clipboard. In Caps the action bits
 * only list what the client supports, so Caps comes first.
 */
function clipboardAction(flags: number): 'provide' | 'notify' | 'other' {
  if (flags & ACTION_CAPS) return 'other';
  if (flags & ACTION_PROVIDE) return 'provide';
  return flags & ACTION_NOTIFY ? 'notify' : 'other';
}

/** Bytes of clipboard data in an inflated Provide payload (u32 length + data per format); null if malformed. */
function providedBytes(inflated: Buffer): number | null {
  let offset = 0;
  let total = 0;
  while (offset + 4 <= inflated.length) {
    const size = inflated.readUInt32BE(offset);
    offset += 4 + size;
    total += size;
  }
  return offset === inflated.length ? total : null;
}

/**
 * Frames the browser's byte stream into client-to-server messages and forwards only whole,
 * known messages; unknown types throw, since we could no longer tell where the next begins.
 * Pastes (ClientCutText, legacy or extended) pass only when allowed and within the cap.
 */
export class ClientMessageFilter {
  private readonly queue = new ByteQueue();
  private skipping = 0;

  constructor(
    private readonly pasteIn: { maxBytes: number } | null,
    private readonly sink: ClientMessageSink,
  ) {}

  push(chunk: Buffer): void {
    this.queue.push(chunk);
    for (;;) {
      if (this.skipping > 0) {
        this.skipping -= this.queue.take(this.skipping).length;
        if (this.skipping > 0) return;
      }
      if (this.queue.length === 0) return;
      const length = messageLength(this.queue);
      if (length === null) return;
      const type = this.queue.u8(0);
      if (type === CLIENT_CUT_TEXT) {
        const admit = this.admitCutText(length);
        if (admit === null) return;
        if (!admit) {
          this.skipping = length;
          continue;
        }
      }
      if (this.queue.length < length) return;
      this.handle(type, this.queue.take(length));
    }
  }

  /** Whether a ClientCutText may be buffered whole (it is dropped unread otherwise); null: undecided yet. */
  private admitCutText(length: number): boolean | null {
    const size = length - 8;
    if (this.queue.i32(4) >= 0) return this.pasteIn !== null && size <= this.pasteIn.maxBytes;
    if (size < 4) return false;
    if (this.queue.length < 12) return null;
    const action = clipboardAction(this.queue.u32(8));
    if (action === 'provide') {
      // Deflate adds a few bytes per 16 KiB block at worst; the real cap is checked after inflating.
      return this.pasteIn !== null && size <= 4 + this.pasteIn.maxBytes + this.pasteIn.maxBytes / 1024 + 64;
    }
    // Notify announces a paste; Caps, Request and Peek carry nothing from the browser's clipboard.
    if (action === 'notify' && this.pasteIn === null) return false;
    return size <= MAX_CLIPBOARD_CONTROL;
  }

  private handle(type: number, message: Buffer): void {
    if (type === SET_ENCODINGS) {
      this.sink.forward(withoutExtendedMouseButtons(message));
    } else if (type === CLIENT_CUT_TEXT) {
      this.cutText(message);
    } else {
      this.sink.forward(message);
      if (type === KEY_EVENT || type === POINTER_EVENT || type === QEMU_CLIENT_MESSAGE) this.sink.input();
    }
  }

  private cutText(message: Buffer): void {
    if (message.readInt32BE(4) >= 0) {
      this.sink.forward(message);
      this.sink.paste(message.length - 8);
      return;
    }
    if (clipboardAction(message.readUInt32BE(8)) !== 'provide') {
      this.sink.forward(message);
      return;
    }
    const maxBytes = this.pasteIn?.maxBytes ?? 0;
    let pasted: number | null;
    try {
      // Each Provide is its own zlib stream, flushed but not finished (noVNC: Z_FULL_FLUSH).
      // The output bound stops a small message inflating to gigabytes.
      const inflated = inflateSync(message.subarray(12), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: maxBytes + 4 * 16,
      });
      pasted = providedBytes(inflated);
    } catch {
      pasted = null;
    }
    if (pasted === null || pasted > maxBytes) return;
    this.sink.forward(message);
    this.sink.paste(pasted);
  }
}
