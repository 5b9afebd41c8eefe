import { describe, expect, it } from 'vitest';
import {
  E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
  E_PROXY_RAP_ACCESSDENIED,
  HTTP_CAPABILITY_MESSAGING_CONSENT_SIGN,
  HTTP_CAPABILITY_MESSAGING_SERVICE_MSG,
  HTTP_CAPABILITY_TYPE_QUAR_SOH,
  HTTP_EXTENDED_AUTH_PAA,
  HTTP_TUNNEL_REDIR_DISABLE_ALL,
  S_OK,
} from './tsgu-codes.js';
import {
  DEFAULT_MAX_PACKET_LENGTH,
  dataPacketHead,
  encodeTsguPacket,
  TsguError,
  type TsguPacket,
  TsguReader,
  type TsguRefusal,
} from './tsgu-packets.js';

// What FreeRDP 2.11.7 announces in TUNNEL_CREATE.
const FREERDP_CAPS =
  HTTP_CAPABILITY_TYPE_QUAR_SOH |
  HTTP_CAPABILITY_MESSAGING_CONSENT_SIGN |
  HTTP_CAPABILITY_MESSAGING_SERVICE_MSG;

const SAMPLES: TsguPacket[] = [
  { type: 'HANDSHAKE_REQUEST', versionMajor: 1, versionMinor: 0, clientVersion: 0, extendedAuth: 2 },
  {
    type: 'HANDSHAKE_RESPONSE',
    errorCode: S_OK,
    versionMajor: 1,
    versionMinor: 0,
    serverVersion: 0,
    extendedAuth: HTTP_EXTENDED_AUTH_PAA,
  },
  { type: 'TUNNEL_CREATE', capabilities: FREERDP_CAPS, paaCookie: 'gw-4f1c2a9e.token' },
  { type: 'TUNNEL_CREATE', capabilities: 0, paaCookie: null },
  { type: 'TUNNEL_CREATE', capabilities: 0, paaCookie: '' },
  { type: 'TUNNEL_RESPONSE', serverVersion: 0, statusCode: S_OK, tunnelId: 7, capabilities: 0x2 },
  { type: 'TUNNEL_RESPONSE', serverVersion: 0, statusCode: S_OK, tunnelId: null, capabilities: 0xffffffff },
  {
    type: 'TUNNEL_RESPONSE',
    serverVersion: 1,
    statusCode: E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
    tunnelId: null,
    capabilities: null,
  },
  { type: 'TUNNEL_AUTH', clientName: 'Workstation-Ä😀' },
  {
    type: 'TUNNEL_AUTH_RESPONSE',
    errorCode: S_OK,
    redirFlags: HTTP_TUNNEL_REDIR_DISABLE_ALL,
    idleTimeoutMinutes: 30,
  },
  { type: 'TUNNEL_AUTH_RESPONSE', errorCode: S_OK, redirFlags: null, idleTimeoutMinutes: 0 },
  { type: 'TUNNEL_AUTH_RESPONSE', errorCode: 0x800759d8, redirFlags: null, idleTimeoutMinutes: null },
  { type: 'CHANNEL_CREATE', resources: ['10.0.0.5'], altResources: [], port: 3389, protocol: 3 },
  {
    type: 'CHANNEL_CREATE',
    resources: ['host-a', 'host-a.internal'],
    altResources: ['a', 'b', 'c'],
    port: 65535,
    protocol: 3,
  },
  { type: 'CHANNEL_RESPONSE', errorCode: S_OK, channelId: 1 },
  { type: 'CHANNEL_RESPONSE', errorCode: E_PROXY_RAP_ACCESSDENIED, channelId: null },
  { type: 'DATA', data: Buffer.from([3, 0, 0, 11, 6, 0xe0, 0, 0, 0, 0, 0]) },
  { type: 'DATA', data: Buffer.alloc(0) },
  { type: 'DATA', data: Buffer.alloc(0xffff, 0xab) },
  { type: 'KEEPALIVE' },
  { type: 'CLOSE_CHANNEL', statusCode: 0 },
  { type: 'CLOSE_CHANNEL_RESPONSE', statusCode: 0x000004ca },
];

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/** A packet with a correct header around `body`, or the given declared length. */
function packet(type: number, body: Buffer, length = 8 + body.length): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16LE(type, 0);
  header.writeUInt32LE(length, 4);
  return Buffer.concat([header, body]);
}

function decodeAll(bytes: Buffer, reader = new TsguReader()): TsguPacket[] {
  const packets = reader.push(bytes);
  expect(reader.buffered).toBe(0);
  return packets;
}

function refusal(bytes: Buffer, reader = new TsguReader()): TsguError {
  try {
    reader.push(bytes);
  } catch (error) {
    if (error instanceof TsguError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('TSGU packets', () => {
  it.each(SAMPLES.map((sample) => [sample.type, sample] as const))('round-trips %s', (_, sample) => {
    expect(decodeAll(encodeTsguPacket(sample))).toEqual([sample]);
  });

  it('takes a channel request naming 50 resources, the most it allows', () => {
    const resources = Array.from({ length: 50 }, (_, n) => `host-${n}`);
    const request: TsguPacket = {
      type: 'CHANNEL_CREATE',
      resources,
      altResources: [],
      port: 3389,
      protocol: 3,
    };
    expect(decodeAll(encodeTsguPacket(request))).toEqual([request]);
  });

  it.each<[string, TsguPacket, string]>([
    [
      "FreeRDP's HANDSHAKE_REQUEST",
      { type: 'HANDSHAKE_REQUEST', versionMajor: 1, versionMinor: 0, clientVersion: 0, extendedAuth: 2 },
      '0100 0000 0e000000  01 00 0000 0200',
    ],
    [
      'HANDSHAKE_RESPONSE',
      {
        type: 'HANDSHAKE_RESPONSE',
        errorCode: 0,
        versionMajor: 1,
        versionMinor: 0,
        serverVersion: 0,
        extendedAuth: 2,
      },
      '0200 0000 12000000  00000000 01 00 0000 0200',
    ],
    [
      'TUNNEL_CREATE with a PAA cookie',
      { type: 'TUNNEL_CREATE', capabilities: FREERDP_CAPS, paaCookie: 'ab' },
      '0400 0000 18000000  0d000000 0100 0000 0600 6100 6200 0000',
    ],
    [
      'TUNNEL_RESPONSE with tunnel id and capabilities',
      { type: 'TUNNEL_RESPONSE', serverVersion: 0, statusCode: 0, tunnelId: 1, capabilities: 0x0d },
      '0500 0000 1a000000  0000 00000000 0300 0000 01000000 0d000000',
    ],
    [
      'TUNNEL_AUTH',
      { type: 'TUNNEL_AUTH', clientName: 'pc' },
      '0600 0000 12000000  0000 0600 7000 6300 0000',
    ],
    [
      'TUNNEL_AUTH_RESPONSE disabling all redirection, 30 idle minutes',
      { type: 'TUNNEL_AUTH_RESPONSE', errorCode: 0, redirFlags: 0x40000000, idleTimeoutMinutes: 30 },
      '0700 0000 18000000  00000000 0300 0000 00000040 1e000000',
    ],
    [
      'CHANNEL_CREATE for host "h" port 3389',
      { type: 'CHANNEL_CREATE', resources: ['h'], altResources: [], port: 3389, protocol: 3 },
      '0800 0000 14000000  01 00 3d0d 0300 0400 6800 0000',
    ],
    [
      'CHANNEL_RESPONSE refusing the target',
      { type: 'CHANNEL_RESPONSE', errorCode: 0x800759da, channelId: null },
      '0900 0000 10000000  da590780 0000 0000',
    ],
    ['DATA', { type: 'DATA', data: Buffer.from([1, 2, 3]) }, '0a00 0000 0d000000  0300 010203'],
    ['KEEPALIVE', { type: 'KEEPALIVE' }, '0d00 0000 08000000'],
    ['CLOSE_CHANNEL', { type: 'CLOSE_CHANNEL', statusCode: 0 }, '1000 0000 0c000000  00000000'],
    [
      'CLOSE_CHANNEL_RESPONSE',
      { type: 'CLOSE_CHANNEL_RESPONSE', statusCode: 0x4ca },
      '1100 0000 0c000000  ca040000',
    ],
  ])('encodes %s byte for byte', (_, sample, bytes) => {
    expect(encodeTsguPacket(sample).toString('hex')).toBe(hex(bytes).toString('hex'));
    expect(decodeAll(hex(bytes))).toEqual([sample]);
  });
});

describe('TsguReader', () => {
  it('yields the same packets from one merged chunk, single bytes, or random cuts', () => {
    const stream = Buffer.concat(SAMPLES.map(encodeTsguPacket));
    expect(decodeAll(stream)).toEqual(SAMPLES);
    const reader = new TsguReader();
    const byteByByte = [...stream].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(byteByByte).toEqual(SAMPLES);
    const cuts = new TsguReader();
    const pieces: TsguPacket[] = [];
    for (let at = 0, size = 1; at < stream.length; at += size, size = (size * 7 + 3) % 5003) {
      pieces.push(...cuts.push(stream.subarray(at, at + size)));
    }
    expect(pieces).toEqual(SAMPLES);
  });

  it('refuses declared lengths under the header or over the maximum, before the body arrives', () => {
    expect(refusal(packet(0xd, Buffer.alloc(0), 7)).reason).toBe('length-too-small');
    const huge = refusal(packet(0xa, Buffer.alloc(0), 0xffffffff));
    expect([huge.packet, huge.reason]).toEqual(['DATA', 'length-too-large']);
    expect(refusal(packet(0xa, Buffer.alloc(0), DEFAULT_MAX_PACKET_LENGTH + 1)).reason).toBe(
      'length-too-large',
    );
    expect(refusal(packet(0xa, Buffer.alloc(0), 101), new TsguReader(100)).reason).toBe('length-too-large');
  });

  it.each([0x0, 0x3, 0xb, 0xc, 0xe, 0xf, 0x12, 0xffff])('refuses unknown packet type 0x%s', (type) => {
    const error = refusal(packet(type, Buffer.alloc(4)));
    expect([error.packet, error.reason]).toEqual([`type 0x${type.toString(16)}`, 'unknown-type']);
  });

  const utf16 = (text: string) => Buffer.from(text, 'utf16le');
  const withCount = (bytes: Buffer) =>
    Buffer.concat([Buffer.from([bytes.length & 0xff, bytes.length >> 8]), bytes]);
  const tunnelCreate = (cookie: Buffer) =>
    packet(0x4, Buffer.concat([hex('00000000 0100 0000'), withCount(cookie)]));

  it.each<[string, Buffer, string, TsguRefusal]>([
    ['a short HANDSHAKE_REQUEST', packet(0x1, hex('0100 0000')), 'HANDSHAKE_REQUEST', 'field-exceeds-packet'],
    ['DATA longer than its packet', packet(0xa, hex('6400 010203')), 'DATA', 'field-exceeds-packet'],
    ['DATA shorter than its packet', packet(0xa, hex('0100 010203')), 'DATA', 'trailing-bytes'],
    [
      'a cookie longer than its packet',
      packet(0x4, hex('00000000 0100 0000 ff00 6100 0000')),
      'TUNNEL_CREATE',
      'field-exceeds-packet',
    ],
    [
      'a cookie field that is announced but missing',
      packet(0x4, hex('00000000 0100 0000')),
      'TUNNEL_CREATE',
      'field-exceeds-packet',
    ],
    [
      'a second resource that is not there',
      packet(0x8, hex('02 00 3d0d 0300 0400 6800 0000')),
      'CHANNEL_CREATE',
      'field-exceeds-packet',
    ],
    [
      'a tunnel id announced but missing',
      packet(0x5, hex('0000 00000000 0100 0000')),
      'TUNNEL_RESPONSE',
      'field-exceeds-packet',
    ],
    ['KEEPALIVE with a body', packet(0xd, hex('00')), 'KEEPALIVE', 'trailing-bytes'],
    ['a cookie without its NUL', tunnelCreate(utf16('ab')), 'TUNNEL_CREATE', 'bad-string'],
    ['an empty cookie field', tunnelCreate(Buffer.alloc(0)), 'TUNNEL_CREATE', 'bad-string'],
    ['a cookie of odd length', tunnelCreate(Buffer.from([0x61, 0, 0])), 'TUNNEL_CREATE', 'bad-string'],
    ['a NUL inside the cookie', tunnelCreate(utf16('a\0b\0')), 'TUNNEL_CREATE', 'bad-string'],
    ['a lone high surrogate', tunnelCreate(utf16('a\ud800\0')), 'TUNNEL_CREATE', 'bad-string'],
    ['a lone low surrogate', tunnelCreate(utf16('\udc00a\0')), 'TUNNEL_CREATE', 'bad-string'],
    ['a Latin-1 client name', packet(0x6, hex('0000 0300 706300')), 'TUNNEL_AUTH', 'bad-string'],
    [
      'a reauthentication context',
      packet(0x4, hex('00000000 0200 0000 0000000000000000')),
      'TUNNEL_CREATE',
      'unsupported-field',
    ],
    [
      'a statement of health',
      packet(0x6, hex('0100 0400 7000 0000 0000')),
      'TUNNEL_AUTH',
      'unsupported-field',
    ],
    [
      'a consent message',
      packet(0x5, hex('0000 00000000 1000 0000')),
      'TUNNEL_RESPONSE',
      'unsupported-field',
    ],
    [
      'a UDP port',
      packet(0x9, hex('00000000 0500 0000 01000000 0d0d')),
      'CHANNEL_RESPONSE',
      'unsupported-field',
    ],
    ['no resource', packet(0x8, hex('00 00 3d0d 0300')), 'CHANNEL_CREATE', 'bad-count'],
    ['51 resources', packet(0x8, hex('33 00 3d0d 0300')), 'CHANNEL_CREATE', 'bad-count'],
    [
      '4 alternate resources',
      packet(0x8, hex('01 04 3d0d 0300 0400 6800 0000')),
      'CHANNEL_CREATE',
      'bad-count',
    ],
  ])('refuses %s', (_, bytes, name, reason) => {
    const error = refusal(bytes);
    expect([error.packet, error.reason]).toEqual([name, reason]);
    expect(error.message).toContain(name);
  });

  it('names the string it refuses', () => {
    const channelCreate = (alternates: number, strings: Buffer[]) =>
      packet(0x8, Buffer.concat([Buffer.from([1, alternates]), hex('3d0d 0300'), ...strings.map(withCount)]));
    const good = utf16('h\0');
    expect(refusal(tunnelCreate(utf16('ab'))).message).toContain('(PAA cookie is not');
    expect(refusal(packet(0x6, hex('0000 0300 706300'))).message).toContain('(client name is not');
    expect(refusal(channelCreate(0, [utf16('h')])).message).toContain('(resource is not');
    expect(refusal(channelCreate(1, [good, utf16('h')])).message).toContain('(alternate resource is not');
  });

  it('keeps refusing once the stream is out of step', () => {
    const reader = new TsguReader();
    const error = refusal(packet(0x3, Buffer.alloc(0)), reader);
    expect(() => reader.push(encodeTsguPacket({ type: 'KEEPALIVE' }))).toThrow(error);
    expect(reader.buffered).toBe(0);
  });
});

describe('encodeTsguPacket', () => {
  it.each<[string, TsguPacket]>([
    ['DATA over 64 KiB', { type: 'DATA', data: Buffer.alloc(0x10000) }],
    [
      'a port over 65535',
      { type: 'CHANNEL_CREATE', resources: ['h'], altResources: [], port: 65536, protocol: 3 },
    ],
    ['a NUL inside a string', { type: 'TUNNEL_AUTH', clientName: 'a\0b' }],
    ['a lone surrogate', { type: 'TUNNEL_AUTH', clientName: 'a\ud800' }],
    ['a negative status', { type: 'CLOSE_CHANNEL', statusCode: -1 }],
  ])('refuses %s', (_, sample) => {
    expect(() => encodeTsguPacket(sample)).toThrow(RangeError);
  });
});

describe('dataPacketHead', () => {
  it('is what encodeTsguPacket puts before the bytes of a DATA packet', () => {
    for (const size of [0, 1, 1400, 0xffff]) {
      const data = Buffer.alloc(size, 7);
      expect(Buffer.concat([dataPacketHead(size), data])).toEqual(encodeTsguPacket({ type: 'DATA', data }));
    }
  });
});
