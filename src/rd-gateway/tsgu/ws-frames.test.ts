import { describe, expect, it } from 'vitest';
import {
  WS_OPCODE,
  WsFrameError,
  WsFrameReader,
  type WsRefusal,
  wsClosePayload,
  wsFrame,
} from './ws-frames.js';

const MAX = 1024;

interface FrameOptions {
  fin?: boolean;
  masked?: boolean;
  rsv?: number;
  /** Force the 64-bit length form with this value instead of the payload's length. */
  length64?: bigint;
}

/** A client frame as RFC 6455 section 5.2 lays it out, masked unless told otherwise. */
function clientFrame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, masked = true, rsv = 0, length64 } = options;
  const mask = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
  let length: Buffer;
  if (length64 !== undefined || payload.length > 0xffff) {
    length = Buffer.alloc(9);
    length[0] = 127;
    length.writeBigUInt64BE(length64 ?? BigInt(payload.length), 1);
  } else if (payload.length >= 126) {
    length = Buffer.from([126, payload.length >> 8, payload.length & 0xff]);
  } else {
    length = Buffer.from([payload.length]);
  }
  length[0] = (length[0] ?? 0) | (masked ? 0x80 : 0);
  const body = masked ? Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0))) : payload;
  return Buffer.concat([
    Buffer.from([(fin ? 0x80 : 0) | rsv | opcode]),
    length,
    masked ? mask : Buffer.alloc(0),
    body,
  ]);
}

function readerWithEvents(maxPayload = MAX) {
  const pings: Buffer[] = [];
  const closes: [number | null, string][] = [];
  const reader = new WsFrameReader({
    maxPayload,
    onPing: (payload) => pings.push(payload),
    onClose: (code, reason) => closes.push([code, reason]),
  });
  return { reader, pings, closes };
}

function refusal(...frames: Buffer[]): WsRefusal {
  const { reader } = readerWithEvents();
  try {
    reader.push(Buffer.concat(frames));
  } catch (error) {
    if (error instanceof WsFrameError) return error.reason;
    throw error;
  }
  throw new Error('accepted');
}

const bytes = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7) & 0xff));

describe('WsFrameReader', () => {
  it('unmasks binary frames of every length encoding', () => {
    const { reader } = readerWithEvents(0x20000);
    for (const length of [0, 1, 125, 126, 0xffff, 0x10000, 0x1000a]) {
      const messages = reader.push(clientFrame(WS_OPCODE.binary, bytes(length)));
      // Buffer.equals: toEqual walks large buffers byte by byte, slowly.
      expect(messages.length === 1 && messages[0]?.equals(bytes(length))).toBe(true);
    }
    expect(reader.buffered).toBe(0);
  });

  it('returns several messages from one chunk, and one message from single bytes', () => {
    const { reader } = readerWithEvents();
    const stream = Buffer.concat([clientFrame(2, Buffer.from('a')), clientFrame(2, bytes(300))]);
    expect(reader.push(stream)).toEqual([Buffer.from('a'), bytes(300)]);
    const received = [...stream].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(received).toEqual([Buffer.from('a'), bytes(300)]);
  });

  it('joins a fragmented message, with control frames between its fragments', () => {
    const { reader, pings } = readerWithEvents();
    const messages = reader.push(
      Buffer.concat([
        clientFrame(WS_OPCODE.binary, Buffer.from('ab'), { fin: false }),
        clientFrame(WS_OPCODE.ping, Buffer.from('p')),
        clientFrame(WS_OPCODE.continuation, Buffer.from('cd'), { fin: false }),
        clientFrame(WS_OPCODE.pong, Buffer.alloc(0)),
        clientFrame(WS_OPCODE.continuation, Buffer.from('e')),
      ]),
    );
    expect(messages).toEqual([Buffer.from('abcde')]);
    expect(pings).toEqual([Buffer.from('p')]);
  });

  it('hands pings to the callback for a pong', () => {
    const { reader, pings } = readerWithEvents();
    expect(reader.push(clientFrame(WS_OPCODE.ping, Buffer.from('hello')))).toEqual([]);
    expect(pings).toEqual([Buffer.from('hello')]);
  });

  it('reports a close with or without a code, then drops whatever follows', () => {
    const withCode = readerWithEvents();
    const after = clientFrame(WS_OPCODE.binary, Buffer.from('late'));
    const close = clientFrame(WS_OPCODE.close, wsClosePayload(1000, 'bye'));
    expect(withCode.reader.push(Buffer.concat([close, after]))).toEqual([]);
    expect(withCode.reader.push(after)).toEqual([]);
    expect(withCode.closes).toEqual([[1000, 'bye']]);
    const bare = readerWithEvents();
    bare.reader.push(clientFrame(WS_OPCODE.close, Buffer.alloc(0)));
    expect(bare.closes).toEqual([[null, '']]);
  });

  it('refuses a payload or a message over the maximum before buffering it', () => {
    expect(readerWithEvents().reader.push(clientFrame(2, bytes(MAX)))).toEqual([bytes(MAX)]);
    expect(refusal(clientFrame(2, bytes(MAX + 1)).subarray(0, 8))).toBe('message-too-large');
    expect(
      refusal(
        clientFrame(2, bytes(MAX / 2), { fin: false }),
        clientFrame(0, bytes(MAX / 2 + 1)).subarray(0, 8),
      ),
    ).toBe('message-too-large');
  });

  it('refuses 64-bit lengths beyond the maximum, up to 2^64 - 1', () => {
    for (const length of [BigInt(MAX + 1), 1n << 32n, 1n << 53n, (1n << 64n) - 1n]) {
      expect(refusal(clientFrame(2, Buffer.alloc(0), { length64: length }).subarray(0, 14))).toBe(
        'message-too-large',
      );
    }
  });

  it.each<[string, Buffer[], WsRefusal]>([
    ['an unmasked frame', [clientFrame(2, Buffer.from('x'), { masked: false })], 'unmasked-frame'],
    [
      'RSV1 (no compression was negotiated)',
      [clientFrame(2, Buffer.from('x'), { rsv: 0x40 })],
      'reserved-bits',
    ],
    ['RSV3', [clientFrame(2, Buffer.from('x'), { rsv: 0x10 })], 'reserved-bits'],
    ['opcode 0x3', [clientFrame(0x3, Buffer.alloc(0))], 'unknown-opcode'],
    ['opcode 0xb', [clientFrame(0xb, Buffer.alloc(0))], 'unknown-opcode'],
    ['a text frame', [clientFrame(WS_OPCODE.text, Buffer.from('hi'))], 'text-frame'],
    ['a continuation first', [clientFrame(0, Buffer.from('x'))], 'unexpected-continuation'],
    [
      'a new message inside a fragmented one',
      [clientFrame(2, Buffer.from('x'), { fin: false }), clientFrame(2, Buffer.from('y'))],
      'expected-continuation',
    ],
    [
      'a fragmented ping',
      [clientFrame(WS_OPCODE.ping, Buffer.alloc(0), { fin: false })],
      'bad-control-frame',
    ],
    ['a 126-byte ping', [clientFrame(WS_OPCODE.ping, bytes(126))], 'bad-control-frame'],
    ['a one-byte close', [clientFrame(WS_OPCODE.close, Buffer.from([3]))], 'bad-close-payload'],
    ['close code 1005', [clientFrame(WS_OPCODE.close, wsClosePayload(1005))], 'bad-close-payload'],
    ['close code 999', [clientFrame(WS_OPCODE.close, wsClosePayload(999))], 'bad-close-payload'],
    [
      'a close reason that is not UTF-8',
      [clientFrame(WS_OPCODE.close, Buffer.concat([wsClosePayload(1000), Buffer.from([0xc3])]))],
      'bad-close-payload',
    ],
  ])('refuses %s', (_, frames, reason) => {
    expect(refusal(...frames)).toBe(reason);
  });

  it('maps refusals to close codes and keeps refusing once failed', () => {
    const { reader } = readerWithEvents();
    const error = (() => {
      try {
        reader.push(clientFrame(WS_OPCODE.text, Buffer.from('x')));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(WsFrameError);
    expect((error as WsFrameError).closeCode).toBe(1003);
    expect(() => reader.push(clientFrame(2, Buffer.from('x')))).toThrow(error as Error);
    expect(reader.buffered).toBe(0);
  });
});

describe('wsFrame', () => {
  it('writes unmasked final frames with the shortest length encoding', () => {
    expect([...wsFrame(WS_OPCODE.binary, Buffer.from([1, 2]))]).toEqual([0x82, 2, 1, 2]);
    expect([...wsFrame(WS_OPCODE.binary, bytes(126)).subarray(0, 4)]).toEqual([0x82, 126, 0, 126]);
    expect([...wsFrame(WS_OPCODE.binary, bytes(0x10000)).subarray(0, 10)]).toEqual([
      0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0,
    ]);
    expect([...wsFrame(WS_OPCODE.pong, Buffer.from('p'))]).toEqual([0x8a, 1, 0x70]);
    expect([...wsFrame(WS_OPCODE.close, wsClosePayload(1000))]).toEqual([0x88, 2, 0x03, 0xe8]);
  });

  it('refuses a control frame over 125 bytes', () => {
    expect(() => wsFrame(WS_OPCODE.ping, bytes(126))).toThrow(RangeError);
  });
});
