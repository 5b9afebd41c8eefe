import { constants, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ClientMessageFilter, UnsupportedMessageError } from './client-messages.js';

// Client messages laid out as noVNC 1.7 writes them (RFB.messages in core/rfb.js).
const setPixelFormat = Buffer.from([0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 0, 8, 16, 0, 0, 0]);
const framebufferUpdateRequest = Buffer.from([3, 1, 0, 0, 0, 0, 2, 128, 1, 224]);
const keyEvent = Buffer.from([4, 1, 0, 0, 0, 0, 0xff, 0x0d]);
const pointerEvent = Buffer.from([5, 1, 0, 10, 0, 20]);
const enableContinuousUpdates = Buffer.from([150, 1, 0, 0, 0, 0, 2, 128, 1, 224]);
const clientFence = Buffer.from([248, 0, 0, 0, 0, 0, 0, 1, 3, 0x61, 0x62, 0x63]);
const xvp = Buffer.from([250, 0, 1, 2]);
const qemuKeyEvent = Buffer.from([255, 0, 0, 1, 0, 0, 0, 0x61, 0, 0, 0, 0x1e]);
const setDesktopSize = Buffer.concat([
  Buffer.from([251, 0, 4, 0, 3, 0, 1, 0]),
  Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 3, 0, 0, 0, 0, 0]),
]);

function setEncodings(encodings: number[]): Buffer {
  const message = Buffer.alloc(4 + 4 * encodings.length);
  message.writeUInt8(2);
  message.writeUInt16BE(encodings.length, 2);
  encodings.forEach((encoding, index) => {
    message.writeInt32BE(encoding, 4 + 4 * index);
  });
  return message;
}

/** ClientCutText; a negative `length` is the extended clipboard form. */
function cutText(payload: Buffer, length = payload.length): Buffer {
  const header = Buffer.from([6, 0, 0, 0, 0, 0, 0, 0]);
  header.writeInt32BE(length, 4);
  return Buffer.concat([header, payload]);
}

const PROVIDE = 1 << 28;
const NOTIFY = 1 << 27;
const REQUEST = 1 << 25;
const CAPS = 1 << 24;
const FORMAT_TEXT = 1;

function extendedCutText(flags: number, data = Buffer.alloc(0)): Buffer {
  const payload = Buffer.alloc(4 + data.length);
  payload.writeUInt32BE(flags >>> 0);
  data.copy(payload, 4);
  return cutText(payload, -payload.length);
}

/** A Provide of `text` compressed as noVNC does: a zlib stream flushed, not finished. */
function provideText(text: string): Buffer {
  const bytes = Buffer.from(`${text}\0`, 'utf8');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(bytes.length);
  const compressed = deflateSync(Buffer.concat([size, bytes]), { finishFlush: constants.Z_FULL_FLUSH });
  return extendedCutText(PROVIDE | FORMAT_TEXT, compressed);
}

function filterWith(pasteIn: { maxBytes: number } | null) {
  const forwarded: Buffer[] = [];
  const pastes: number[] = [];
  let inputs = 0;
  const filter = new ClientMessageFilter(pasteIn, {
    forward: (message) => forwarded.push(message),
    input: () => inputs++,
    paste: (bytes) => pastes.push(bytes),
  });
  return {
    filter,
    pastes,
    inputs: () => inputs,
    forwarded: () => Buffer.concat(forwarded),
    messages: () => forwarded,
  };
}

function byteByByte(filter: ClientMessageFilter, bytes: Buffer): void {
  for (const byte of bytes) filter.push(Buffer.from([byte]));
}

describe('ClientMessageFilter', () => {
  const stream = [
    setPixelFormat,
    setEncodings([7, 16, 0, -223, -258, -308]),
    framebufferUpdateRequest,
    keyEvent,
    pointerEvent,
    enableContinuousUpdates,
    clientFence,
    xvp,
    setDesktopSize,
    qemuKeyEvent,
  ];

  it('forwards every message noVNC sends, whole, when they arrive byte by byte', () => {
    const { filter, messages } = filterWith(null);
    byteByByte(filter, Buffer.concat(stream));
    expect(messages()).toEqual(stream);
  });

  it('splits messages that arrive merged into one chunk', () => {
    const { filter, messages } = filterWith(null);
    filter.push(Buffer.concat(stream));
    expect(messages()).toEqual(stream);
  });

  it('reports key, pointer and QEMU key events as input, nothing else', () => {
    const { filter, inputs } = filterWith(null);
    filter.push(Buffer.concat([setPixelFormat, framebufferUpdateRequest, enableContinuousUpdates]));
    expect(inputs()).toBe(0);
    filter.push(Buffer.concat([keyEvent, pointerEvent, qemuKeyEvent]));
    expect(inputs()).toBe(3);
  });

  it('removes ExtendedMouseButtons from SetEncodings, so PointerEvent stays 6 bytes', () => {
    const { filter, forwarded } = filterWith(null);
    filter.push(setEncodings([16, -316, -258]));
    expect(forwarded()).toEqual(setEncodings([16, -258]));
  });

  it('throws on an unknown message type without forwarding it', () => {
    const { filter, forwarded } = filterWith(null);
    expect(() => filter.push(Buffer.concat([keyEvent, Buffer.from([7, 0, 0, 0])]))).toThrow(
      UnsupportedMessageError,
    );
    expect(forwarded()).toEqual(keyEvent);
  });

  it('throws on QEMU client messages other than the extended key event', () => {
    const { filter } = filterWith(null);
    expect(() => filter.push(Buffer.from([255, 1, 0, 0]))).toThrow(UnsupportedMessageError);
  });

  describe('legacy ClientCutText', () => {
    it('drops every paste when pasting in is off, and keeps parsing after it', () => {
      const { filter, forwarded, pastes } = filterWith(null);
      byteByByte(filter, Buffer.concat([cutText(Buffer.from('hello')), keyEvent]));
      expect(forwarded()).toEqual(keyEvent);
      expect(pastes).toEqual([]);
    });

    it('forwards a paste within the cap and reports its length', () => {
      const { filter, forwarded, pastes } = filterWith({ maxBytes: 5 });
      filter.push(cutText(Buffer.from('hello')));
      expect(forwarded()).toEqual(cutText(Buffer.from('hello')));
      expect(pastes).toEqual([5]);
    });

    it('drops a paste over the cap without waiting to buffer all of it', () => {
      const { filter, forwarded, pastes } = filterWith({ maxBytes: 5 });
      const big = cutText(Buffer.alloc(1_000_000, 0x61));
      filter.push(big.subarray(0, 100));
      filter.push(big.subarray(100));
      filter.push(keyEvent);
      expect(forwarded()).toEqual(keyEvent);
      expect(pastes).toEqual([]);
    });
  });

  describe('extended clipboard ClientCutText', () => {
    it('forwards a Provide within the cap and reports its decompressed size', () => {
      const { filter, forwarded, pastes } = filterWith({ maxBytes: 100 });
      byteByByte(filter, provideText('hello'));
      expect(forwarded()).toEqual(provideText('hello'));
      expect(pastes).toEqual([6]); // noVNC sends the text with a terminating NUL
    });

    it('drops a Provide that inflates beyond the cap, however small it is compressed', () => {
      const { filter, forwarded, pastes } = filterWith({ maxBytes: 1000 });
      const bomb = provideText('a'.repeat(5_000_000));
      expect(bomb.length).toBeLessThan(10_000);
      filter.push(Buffer.concat([bomb, keyEvent]));
      expect(forwarded()).toEqual(keyEvent);
      expect(pastes).toEqual([]);
    });

    it('drops a Provide that is not valid zlib data', () => {
      const { filter, forwarded } = filterWith({ maxBytes: 1000 });
      filter.push(Buffer.concat([extendedCutText(PROVIDE | FORMAT_TEXT, Buffer.from('not zlib')), keyEvent]));
      expect(forwarded()).toEqual(keyEvent);
    });

    it('drops Provide and Notify when pasting in is off', () => {
      const { filter, forwarded, pastes } = filterWith(null);
      filter.push(Buffer.concat([provideText('hello'), extendedCutText(NOTIFY | FORMAT_TEXT), keyEvent]));
      expect(forwarded()).toEqual(keyEvent);
      expect(pastes).toEqual([]);
    });

    it('forwards Caps and Request, which carry nothing from the browser clipboard', () => {
      const { filter, messages, pastes } = filterWith(null);
      const caps = extendedCutText(CAPS | NOTIFY | PROVIDE | REQUEST | FORMAT_TEXT, Buffer.alloc(4));
      const request = extendedCutText(REQUEST | FORMAT_TEXT);
      filter.push(Buffer.concat([caps, request]));
      expect(messages()).toEqual([caps, request]);
      expect(pastes).toEqual([]);
    });
  });
});
