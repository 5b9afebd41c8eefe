import { describe, expect, it } from 'vitest';
import { FREERDP_HEAD_LINES } from '../../../test/tsgu-client.js';
import { MAX_HEAD_BYTES, parseRequestHead, RequestHeadError, upgradeResponse } from './request-head.js';
import { encodeTsguPacket, TsguError, type TsguPacket, TsguReader } from './tsgu-packets.js';
import { WS_OPCODE, WsFrameError, WsFrameReader, wsClosePayload } from './ws-frames.js';

/**
 * Random and mutated input for the three parsers that face the network before authentication.
 * Each case must end in parsed output or the parser's own typed error, never another exception,
 * and no parser may hold more bytes than its configured maximum. The seed makes failures repeatable.
 */

const SEED = 0x5eed_7567;
const CASES_PER_TARGET = 5000;
// Limits small enough that intact input comes close to them and mutated input goes past them.
const MAX_WS_PAYLOAD = 1024;
const MAX_TSGU_PACKET = 2048;
// A whole message's worth of fragments, plus a partial control frame (14-byte header, 125-byte payload).
const WS_MOST_BUFFERED = MAX_WS_PAYLOAD + 14 + 125;

/** xorshift32: small, fast and deterministic; no statistical quality is needed here. */
class Random {
  constructor(private state: number) {}

  next(): number {
    this.state ^= this.state << 13;
    this.state ^= this.state >>> 17;
    this.state ^= this.state << 5;
    return this.state >>> 0;
  }

  int(below: number): number {
    return this.next() % below;
  }

  chance(probability: number): boolean {
    return this.next() / 0x1_0000_0000 < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)));
  }

  text(maxLength: number): string {
    const alphabet = ['a', 'Z', '0', '.', '-', ' ', 'é', 'Ω', '中', '😀'];
    return Array.from({ length: this.int(maxLength + 1) }, () => this.pick(alphabet)).join('');
  }
}

const DECLARED_LENGTHS = [
  0n,
  125n,
  126n,
  1023n,
  1024n,
  1025n,
  0xffffn,
  0x10000n,
  2n ** 32n - 1n,
  2n ** 63n,
  2n ** 64n - 1n,
];

// Around the limits and the field widths.
const INTERESTING_U32 = [
  0,
  1,
  7,
  8,
  9,
  0x7f,
  0x80,
  0xff,
  0x100,
  0x7fff,
  0xffff,
  0x10000,
  0x7fffffff,
  0xffffffff,
  MAX_WS_PAYLOAD - 1,
  MAX_WS_PAYLOAD,
  MAX_WS_PAYLOAD + 1,
  MAX_TSGU_PACKET - 1,
  MAX_TSGU_PACKET,
  MAX_TSGU_PACKET + 1,
];

/** One random edit of the kinds that find parser bugs: flips, cuts, splices and boundary values. */
function mutate(random: Random, input: Buffer): Buffer {
  const bytes = Buffer.from(input);
  const at = bytes.length === 0 ? 0 : random.int(bytes.length);
  switch (random.int(7)) {
    case 0:
      for (let flips = 1 + random.int(8); flips > 0 && bytes.length > 0; flips--) {
        const bit = random.int(bytes.length * 8);
        bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      }
      return bytes;
    case 1:
      return bytes.subarray(0, at);
    case 2:
      return Buffer.concat([bytes.subarray(0, at), random.bytes(1 + random.int(16)), bytes.subarray(at)]);
    case 3:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + random.int(16))]);
    case 4: {
      // A boundary value over whatever field is there: TSGU is little-endian, WebSocket big-endian.
      const value = random.pick(INTERESTING_U32);
      const width = random.pick([2, 4]);
      if (at + width > bytes.length) return bytes;
      if (random.chance(0.5)) bytes.writeUIntLE(value % 2 ** (8 * width), at, width);
      else bytes.writeUIntBE(value % 2 ** (8 * width), at, width);
      return bytes;
    }
    case 5:
      return Buffer.concat([bytes, bytes.subarray(at)]);
    default:
      return Buffer.concat([bytes, random.bytes(random.int(3000))]);
  }
}

/** One to three random edits. */
function edited(random: Random, input: Buffer): Buffer {
  let output = input;
  for (let edits = 1 + random.int(3); edits > 0; edits--) output = mutate(random, output);
  return output;
}

/** Cuts `bytes` into chunks of random sizes, as TLS records and WebSocket messages would. */
function chunks(random: Random, bytes: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = random.pick([1, 2, 3, 7, 64, 1000, bytes.length]);
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

/** Runs `parse`, letting only the expected error type through: returns it, or null on success. */
function refusalOf<E extends Error & { reason: string }>(
  type: new (...args: never[]) => E,
  reasons: Set<string>,
  parse: () => void,
): E | null {
  try {
    parse();
    return null;
  } catch (error) {
    if (!(error instanceof type)) throw error;
    reasons.add(error.reason);
    return error;
  }
}

function randomPacket(random: Random): TsguPacket {
  const u32 = () => random.next();
  const maybe = () => (random.chance(0.5) ? u32() : null);
  const names = (count: number) => Array.from({ length: count }, () => random.text(20));
  switch (random.int(12)) {
    case 0:
      return {
        type: 'HANDSHAKE_REQUEST',
        versionMajor: 1,
        versionMinor: 0,
        clientVersion: 0,
        extendedAuth: 2,
      };
    case 1:
      return {
        type: 'HANDSHAKE_RESPONSE',
        errorCode: u32(),
        versionMajor: 1,
        versionMinor: 0,
        serverVersion: 0,
        extendedAuth: 2,
      };
    case 2:
      return {
        type: 'TUNNEL_CREATE',
        capabilities: u32(),
        paaCookie: random.chance(0.8) ? random.text(40) : null,
      };
    case 3:
      return {
        type: 'TUNNEL_RESPONSE',
        serverVersion: 0,
        statusCode: u32(),
        tunnelId: maybe(),
        capabilities: maybe(),
      };
    case 4:
      return { type: 'TUNNEL_AUTH', clientName: random.text(30) };
    case 5:
      return {
        type: 'TUNNEL_AUTH_RESPONSE',
        errorCode: u32(),
        redirFlags: maybe(),
        idleTimeoutMinutes: maybe(),
      };
    case 6:
      return {
        type: 'CHANNEL_CREATE',
        resources: names(1 + random.int(3)),
        altResources: names(random.int(4)),
        port: random.int(0x10000),
        protocol: 3,
      };
    case 7:
      return { type: 'CHANNEL_RESPONSE', errorCode: u32(), channelId: maybe() };
    case 8:
      return { type: 'DATA', data: random.bytes(random.int(300)) };
    case 9:
      return { type: 'KEEPALIVE' };
    case 10:
      return { type: 'CLOSE_CHANNEL', statusCode: u32() };
    default:
      return { type: 'CLOSE_CHANNEL_RESPONSE', statusCode: u32() };
  }
}

/** A client frame; `declared` may lie about the payload's length, in any of the three length forms. */
function maskedFrame(
  random: Random,
  opcode: number,
  payload: Buffer,
  fin = true,
  declared = BigInt(payload.length),
) {
  const mask = random.bytes(4);
  let length: Buffer;
  if (declared < 126n) {
    length = Buffer.from([0x80 | Number(declared)]);
  } else if (declared <= 0xffffn) {
    length = Buffer.from([0x80 | 126, Number(declared >> 8n), Number(declared & 0xffn)]);
  } else {
    length = Buffer.alloc(9);
    length[0] = 0x80 | 127;
    length.writeBigUInt64BE(declared, 1);
  }
  const masked = payload.map((byte, i) => byte ^ (mask[i & 3] ?? 0));
  return Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode]), length, mask, masked]);
}

/** `payload` as one binary message, sometimes fragmented, sometimes with a ping in the middle. */
function framedMessage(random: Random, payload: Buffer): Buffer {
  if (payload.length < 2 || random.chance(0.6)) return maskedFrame(random, WS_OPCODE.binary, payload);
  const cut = 1 + random.int(payload.length - 1);
  return Buffer.concat([
    maskedFrame(random, WS_OPCODE.binary, payload.subarray(0, cut), false),
    ...(random.chance(0.3) ? [maskedFrame(random, WS_OPCODE.ping, random.bytes(random.int(126)))] : []),
    maskedFrame(random, WS_OPCODE.continuation, payload.subarray(cut)),
  ]);
}

/** Lines that smuggling and header-injection attempts use. */
const HOSTILE_LINES = [
  'Host: evil.example',
  'Transfer-Encoding: chunked',
  ' folded continuation',
  'Bad Name: x',
  'X-Bare-CR: a\rb',
  'X-Nul: \0',
  'POST /remoteDesktopGateway/ HTTP/1.1',
  'RDG_IN_DATA /remoteDesktopGateway/ HTTP/1.0',
  '',
];

/** FreeRDP's head with hostile lines or a flood of headers slipped in, then edited bytewise. */
function hostileHead(random: Random): Buffer {
  const lines = [...FREERDP_HEAD_LINES];
  for (let inserts = random.int(3); inserts > 0; inserts--) {
    lines.splice(random.int(lines.length + 1), 0, random.pick(HOSTILE_LINES));
  }
  if (random.chance(0.1)) {
    lines.push(...Array.from({ length: 30 + random.int(30) }, (_, i) => `X-Flood-${i}: ${i}`));
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return random.chance(0.7) ? edited(random, head) : head;
}

describe('fuzzing the gateway parsers', () => {
  it('parseRequestHead and upgradeResponse answer, ask for more below 8 KiB, or refuse', () => {
    const random = new Random(SEED);
    const reasons = new Set<string>();
    let parsed = 0;
    for (let i = 0; i < CASES_PER_TARGET; i++) {
      let input = random.chance(0.1) ? random.bytes(random.int(MAX_HEAD_BYTES + 2000)) : hostileHead(random);
      if (random.chance(0.05)) {
        input = Buffer.concat([input.subarray(0, 60), Buffer.alloc(MAX_HEAD_BYTES, 'x'), input]);
      }
      const refused = refusalOf(RequestHeadError, reasons, () => {
        const result = parseRequestHead(input);
        // Asking for more is only allowed while the caller holds less than the limit.
        if (!result.complete) expect(input.length).toBeLessThan(MAX_HEAD_BYTES);
        else upgradeResponse(result.headers.get('sec-websocket-key') ?? '');
      });
      if (!refused) parsed++;
    }
    expect(parsed).toBeGreaterThan(CASES_PER_TARGET / 20);
    expect(reasons.size).toBe(8);
  });

  it('WsFrameReader yields messages within the maximum or refuses, holding at most one frame', () => {
    const random = new Random(SEED + 1);
    const reasons = new Set<string>();
    let intact = 0;
    for (let i = 0; i < CASES_PER_TARGET; i++) {
      // Some messages and pings are over their maximum: the reader must refuse them, never deliver them.
      const planned: { frame: Buffer; message: Buffer | null; bad: boolean }[] = Array.from(
        { length: 1 + random.int(4) },
        () => {
          const message = random.bytes(random.int(MAX_WS_PAYLOAD + 200));
          return { frame: framedMessage(random, message), message, bad: message.length > MAX_WS_PAYLOAD };
        },
      );
      if (random.chance(0.1)) {
        const ping = random.bytes(random.int(200));
        planned.splice(random.int(planned.length + 1), 0, {
          frame: maskedFrame(random, WS_OPCODE.ping, ping),
          message: null,
          bad: ping.length > 125,
        });
      }
      const frames = planned.map(({ frame }) => frame);
      if (random.chance(0.1)) frames.push(maskedFrame(random, WS_OPCODE.close, wsClosePayload(1000, 'bye')));
      // Or the first frame declares a length that is not its payload's, up to 2^64 - 1.
      const declared = random.chance(0.2) ? random.pick(DECLARED_LENGTHS) : null;
      const first = planned[0]?.message ?? Buffer.alloc(0);
      if (declared !== null) frames[0] = maskedFrame(random, WS_OPCODE.binary, first, true, declared);
      // Or it comes unmasked, as only a server may send.
      const unmasked = declared === null && random.chance(0.05);
      if (unmasked) {
        const frame = Buffer.from(frames[0] ?? Buffer.alloc(2));
        frame[1] = (frame[1] ?? 0) & 0x7f;
        frames[0] = frame;
      }
      const edits = random.chance(0.7);
      const input = edits ? edited(random, Buffer.concat(frames)) : Buffer.concat(frames);
      const reader = new WsFrameReader({
        maxPayload: MAX_WS_PAYLOAD,
        onPing: (payload) => expect(payload.length).toBeLessThanOrEqual(125),
        onClose: () => {},
      });
      const received: Buffer[] = [];
      const refused = refusalOf(WsFrameError, reasons, () => {
        for (const chunk of chunks(random, input)) {
          received.push(...reader.push(chunk));
          expect(reader.buffered).toBeLessThanOrEqual(WS_MOST_BUFFERED);
        }
      });
      for (const message of received) expect(message.length).toBeLessThanOrEqual(MAX_WS_PAYLOAD);
      if (edits) continue;
      if (unmasked) {
        expect([refused?.reason, received.length]).toEqual(['unmasked-frame', 0]);
      } else if (declared !== null && declared > MAX_WS_PAYLOAD) {
        expect([refused?.reason, received.length]).toEqual(['message-too-large', 0]);
      } else if (declared === null) {
        // Messages before the first bad frame arrive intact (those sharing its chunk are dropped with it).
        const firstBad = planned.findIndex(({ bad }) => bad);
        const expected = planned
          .slice(0, firstBad < 0 ? planned.length : firstBad)
          .flatMap(({ message }) => (message ? [message] : []));
        expect(refused === null).toBe(firstBad < 0);
        if (!refused) expect(received).toHaveLength(expected.length);
        expect(Buffer.concat(received).equals(Buffer.concat(expected.slice(0, received.length)))).toBe(true);
        intact++;
      }
    }
    expect(intact).toBeGreaterThan(CASES_PER_TARGET / 10);
    expect(reasons.size).toBeGreaterThanOrEqual(8);
  });

  it('TsguReader yields packets or refuses, holding less than one packet', () => {
    const random = new Random(SEED + 2);
    const reasons = new Set<string>();
    for (let i = 0; i < CASES_PER_TARGET; i++) {
      const packets = Array.from({ length: 1 + random.int(5) }, () => randomPacket(random));
      const encoded = packets.map(encodeTsguPacket);
      // Some packet may declare a length from the boundaries up to 4 GiB.
      const liar = random.chance(0.2) ? random.int(encoded.length) : -1;
      const declared = random.pick(INTERESTING_U32);
      encoded[liar]?.writeUInt32LE(declared, 4);
      const edits = random.chance(0.7);
      const input = edits ? edited(random, Buffer.concat(encoded)) : Buffer.concat(encoded);
      const reader = new TsguReader(MAX_TSGU_PACKET);
      const received: TsguPacket[] = [];
      const refused = refusalOf(TsguError, reasons, () => {
        for (const chunk of chunks(random, input)) {
          received.push(...reader.push(chunk));
          expect(reader.buffered).toBeLessThan(MAX_TSGU_PACKET);
        }
      });
      if (edits) continue;
      if (liar < 0) {
        expect(refused).toBeNull();
        expect(received).toEqual(packets);
      } else if (declared < 8 || declared > MAX_TSGU_PACKET) {
        expect(refused?.reason).toBe(declared < 8 ? 'length-too-small' : 'length-too-large');
      }
    }
    expect(reasons.size).toBeGreaterThanOrEqual(8);
  });

  it('the WebSocket and TSGU readers in series pass packets through or refuse, within bounds', () => {
    const random = new Random(SEED + 3);
    const reasons = new Set<string>();
    for (let i = 0; i < CASES_PER_TARGET; i++) {
      const packets = Array.from({ length: 1 + random.int(6) }, () => randomPacket(random));
      const stream = Buffer.concat(packets.map(encodeTsguPacket));
      // Packets may span WebSocket messages and share them: cut the stream anywhere.
      const messages: Buffer[] = [];
      for (let at = 0; at < stream.length; ) {
        const size = 1 + random.int(Math.min(stream.length, MAX_WS_PAYLOAD));
        messages.push(stream.subarray(at, at + size));
        at += size;
      }
      const framed = Buffer.concat(messages.map((message) => framedMessage(random, message)));
      const edits = random.chance(0.8);
      const input = edits ? edited(random, framed) : framed;
      const frames = new WsFrameReader({ maxPayload: MAX_WS_PAYLOAD, onPing: () => {}, onClose: () => {} });
      const tsgu = new TsguReader(MAX_TSGU_PACKET);
      const received: TsguPacket[] = [];
      try {
        for (const chunk of chunks(random, input)) {
          for (const message of frames.push(chunk)) received.push(...tsgu.push(message));
          expect(frames.buffered).toBeLessThanOrEqual(WS_MOST_BUFFERED);
          expect(tsgu.buffered).toBeLessThan(MAX_TSGU_PACKET);
        }
      } catch (error) {
        if (!(error instanceof WsFrameError || error instanceof TsguError)) throw error;
        reasons.add(error.reason);
        expect(edits).toBe(true);
      }
      if (!edits) expect(received).toEqual(packets);
    }
    expect(reasons.size).toBeGreaterThanOrEqual(12);
  });
});
