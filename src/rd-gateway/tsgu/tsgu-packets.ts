import { ReceiveBuffer } from './receive-buffer.js';

/**
 * MS-TSGU HTTP transport packets (section 2.2.10), as FreeRDP 2.11 speaks them over the WebSocket:
 * an 8-byte little-endian header `u16 type, u16 reserved, u32 length (header included)`, then the body.
 * Decoding is strict: every length must fit its packet, strings must be NUL-terminated UTF-16LE, and
 * optional fields we do not implement are refused rather than skipped. Reserved words are written as
 * zero and not checked on receipt.
 */

export const HEADER_LENGTH = 8;
/** The largest packet a client sends: DATA with a full u16 of payload. */
export const DEFAULT_MAX_PACKET_LENGTH = HEADER_LENGTH + 2 + 0xffff;

export const PKT_TYPE = {
  HANDSHAKE_REQUEST: 0x1,
  HANDSHAKE_RESPONSE: 0x2,
  TUNNEL_CREATE: 0x4,
  TUNNEL_RESPONSE: 0x5,
  TUNNEL_AUTH: 0x6,
  TUNNEL_AUTH_RESPONSE: 0x7,
  CHANNEL_CREATE: 0x8,
  CHANNEL_RESPONSE: 0x9,
  DATA: 0xa,
  KEEPALIVE: 0xd,
  CLOSE_CHANNEL: 0x10,
  CLOSE_CHANNEL_RESPONSE: 0x11,
} as const;
export type PacketName = keyof typeof PKT_TYPE;
const NAMES = new Map(Object.entries(PKT_TYPE).map(([name, type]) => [type as number, name as PacketName]));

// Optional-field bits of the fieldsPresent words we implement; any other bit is refused.
const TUNNEL_PACKET_FIELD_PAA_COOKIE = 0x1;
const TUNNEL_RESPONSE_FIELD_TUNNEL_ID = 0x1;
const TUNNEL_RESPONSE_FIELD_CAPS = 0x2;
const TUNNEL_AUTH_RESPONSE_FIELD_REDIR_FLAGS = 0x1;
const TUNNEL_AUTH_RESPONSE_FIELD_IDLE_TIMEOUT = 0x2;
const CHANNEL_RESPONSE_FIELD_CHANNELID = 0x1;
// HTTP_CHANNEL_PACKET bounds its resource name counts.
const MAX_RESOURCES = 50;
const MAX_ALT_RESOURCES = 3;

export type TsguPacket =
  | {
      type: 'HANDSHAKE_REQUEST';
      versionMajor: number;
      versionMinor: number;
      clientVersion: number;
      extendedAuth: number;
    }
  | {
      type: 'HANDSHAKE_RESPONSE';
      errorCode: number;
      versionMajor: number;
      versionMinor: number;
      serverVersion: number;
      extendedAuth: number;
    }
  | { type: 'TUNNEL_CREATE'; capabilities: number; paaCookie: string | null }
  | {
      type: 'TUNNEL_RESPONSE';
      serverVersion: number;
      statusCode: number;
      tunnelId: number | null;
      capabilities: number | null;
    }
  | { type: 'TUNNEL_AUTH'; clientName: string }
  | {
      type: 'TUNNEL_AUTH_RESPONSE';
      errorCode: number;
      redirFlags: number | null;
      idleTimeoutMinutes: number | null;
    }
  | { type: 'CHANNEL_CREATE'; resources: string[]; altResources: string[]; port: number; protocol: number }
  | { type: 'CHANNEL_RESPONSE'; errorCode: number; channelId: number | null }
  | { type: 'DATA'; data: Buffer }
  | { type: 'KEEPALIVE' }
  | { type: 'CLOSE_CHANNEL'; statusCode: number }
  | { type: 'CLOSE_CHANNEL_RESPONSE'; statusCode: number };

export type TsguRefusal =
  | 'unknown-type'
  | 'length-too-small'
  | 'length-too-large'
  | 'field-exceeds-packet'
  | 'trailing-bytes'
  | 'bad-string'
  | 'bad-count'
  | 'unsupported-field';

export class TsguError extends Error {
  constructor(
    /** The packet's MS-TSGU name, or its raw type when unknown. */
    readonly packet: string,
    readonly reason: TsguRefusal,
    detail: string,
  ) {
    super(`${packet}: ${reason} (${detail})`);
    this.name = 'TsguError';
  }
}

/** Packets from byte chunks cut anywhere: one may span WebSocket messages, or several share one. */
export class TsguReader {
  private readonly input = new ReceiveBuffer();
  private failure: unknown = null;

  constructor(private readonly maxPacketLength = DEFAULT_MAX_PACKET_LENGTH) {}

  /** Bytes of a packet not yet complete; always below the maximum packet length. */
  get buffered(): number {
    return this.input.length;
  }

  /** Returns the packets `chunk` completes; on a bad one it throws, dropping the others of that chunk. */
  push(chunk: Buffer): TsguPacket[] {
    if (this.failure) throw this.failure;
    this.input.append(chunk);
    const packets: TsguPacket[] = [];
    try {
      for (let bytes = this.input.unread; bytes.length >= HEADER_LENGTH; bytes = this.input.unread) {
        const { name, length } = this.checkHeader(bytes);
        if (bytes.length < length) break;
        packets.push(decodePacket(name, bytes.subarray(0, length)));
        this.input.consume(length);
      }
    } catch (error) {
      // The stream is out of step for good: keep refusing rather than parse from the middle of a packet.
      this.failure = error;
      this.input.clear();
      throw error;
    }
    return packets;
  }

  /** Refuses a bad header before its body is buffered. */
  private checkHeader(bytes: Buffer): { name: PacketName; length: number } {
    const type = bytes.readUInt16LE(0);
    const length = bytes.readUInt32LE(4);
    const name = NAMES.get(type);
    if (!name) throw new TsguError(`type 0x${type.toString(16)}`, 'unknown-type', `${length} bytes`);
    if (length < HEADER_LENGTH) throw new TsguError(name, 'length-too-small', `${length} bytes`);
    if (length > this.maxPacketLength) {
      throw new TsguError(name, 'length-too-large', `${length} > ${this.maxPacketLength} bytes`);
    }
    return { name, length };
  }
}

function decodePacket(name: PacketName, bytes: Buffer): TsguPacket {
  const body = new BodyReader(name, bytes);
  const packet = decodeBody(name, body);
  body.end();
  return packet;
}

function decodeBody(type: PacketName, body: BodyReader): TsguPacket {
  switch (type) {
    case 'HANDSHAKE_REQUEST':
      return {
        type,
        versionMajor: body.u8(),
        versionMinor: body.u8(),
        clientVersion: body.u16(),
        extendedAuth: body.u16(),
      };
    case 'HANDSHAKE_RESPONSE':
      return {
        type,
        errorCode: body.u32(),
        versionMajor: body.u8(),
        versionMinor: body.u8(),
        serverVersion: body.u16(),
        extendedAuth: body.u16(),
      };
    case 'TUNNEL_CREATE': {
      const capabilities = body.u32();
      const fields = body.fields(TUNNEL_PACKET_FIELD_PAA_COOKIE);
      return {
        type,
        capabilities,
        paaCookie: fields & TUNNEL_PACKET_FIELD_PAA_COOKIE ? body.string('PAA cookie') : null,
      };
    }
    case 'TUNNEL_RESPONSE': {
      const serverVersion = body.u16();
      const statusCode = body.u32();
      const fields = body.fields(TUNNEL_RESPONSE_FIELD_TUNNEL_ID | TUNNEL_RESPONSE_FIELD_CAPS);
      const tunnelId = fields & TUNNEL_RESPONSE_FIELD_TUNNEL_ID ? body.u32() : null;
      const capabilities = fields & TUNNEL_RESPONSE_FIELD_CAPS ? body.u32() : null;
      return { type, serverVersion, statusCode, tunnelId, capabilities };
    }
    case 'TUNNEL_AUTH':
      // fieldsPresent has no reserved word after it here; its only field, a statement of health, is refused.
      if (body.u16() !== 0) throw new TsguError(type, 'unsupported-field', 'statement of health');
      return { type, clientName: body.string('client name') };
    case 'TUNNEL_AUTH_RESPONSE': {
      const errorCode = body.u32();
      const fields = body.fields(
        TUNNEL_AUTH_RESPONSE_FIELD_REDIR_FLAGS | TUNNEL_AUTH_RESPONSE_FIELD_IDLE_TIMEOUT,
      );
      const redirFlags = fields & TUNNEL_AUTH_RESPONSE_FIELD_REDIR_FLAGS ? body.u32() : null;
      const idleTimeoutMinutes = fields & TUNNEL_AUTH_RESPONSE_FIELD_IDLE_TIMEOUT ? body.u32() : null;
      return { type, errorCode, redirFlags, idleTimeoutMinutes };
    }
    case 'CHANNEL_CREATE': {
      const count = body.u8();
      const altCount = body.u8();
      if (count < 1 || count > MAX_RESOURCES || altCount > MAX_ALT_RESOURCES) {
        throw new TsguError(type, 'bad-count', `${count} resources, ${altCount} alternates`);
      }
      const port = body.u16();
      const protocol = body.u16();
      const resources = Array.from({ length: count }, () => body.string('resource'));
      const altResources = Array.from({ length: altCount }, () => body.string('alternate resource'));
      return { type, resources, altResources, port, protocol };
    }
    case 'CHANNEL_RESPONSE': {
      const errorCode = body.u32();
      const fields = body.fields(CHANNEL_RESPONSE_FIELD_CHANNELID);
      return { type, errorCode, channelId: fields & CHANNEL_RESPONSE_FIELD_CHANNELID ? body.u32() : null };
    }
    case 'DATA':
      return { type, data: body.blob() };
    case 'KEEPALIVE':
      return { type };
    case 'CLOSE_CHANNEL':
    case 'CLOSE_CHANNEL_RESPONSE':
      return { type, statusCode: body.u32() };
  }
}

/** Reads a packet's fields in order, refusing any that would run past its declared length. */
class BodyReader {
  private offset = HEADER_LENGTH;

  constructor(
    private readonly name: PacketName,
    private readonly bytes: Buffer,
  ) {}

  u8(): number {
    return this.bytes.readUInt8(this.take(1));
  }

  u16(): number {
    return this.bytes.readUInt16LE(this.take(2));
  }

  u32(): number {
    return this.bytes.readUInt32LE(this.take(4));
  }

  /** A fieldsPresent word and its reserved word; bits outside `known` are refused. */
  fields(known: number): number {
    const fields = this.u16();
    this.u16();
    if (fields & ~known) {
      throw new TsguError(this.name, 'unsupported-field', `fieldsPresent 0x${fields.toString(16)}`);
    }
    return fields;
  }

  /** A u16 byte count and that many bytes, copied so the packet does not pin the read buffer. */
  blob(): Buffer {
    const size = this.u16();
    const at = this.take(size);
    return Buffer.from(this.bytes.subarray(at, at + size));
  }

  /** A u16 byte count and a UTF-16LE string that ends with (and holds no other) NUL. */
  string(field: string): string {
    const bytes = this.blob();
    const terminated =
      bytes.length >= 2 && bytes.length % 2 === 0 && bytes.readUInt16LE(bytes.length - 2) === 0;
    const text = bytes.toString('utf16le', 0, bytes.length - 2);
    // A NUL inside would let two readers of the same cookie or host name disagree on where it ends.
    if (!terminated || text.includes('\0') || /\p{Cs}/u.test(text)) {
      throw new TsguError(this.name, 'bad-string', `${field} is not NUL-terminated UTF-16LE`);
    }
    return text;
  }

  end(): void {
    if (this.offset !== this.bytes.length) {
      throw new TsguError(
        this.name,
        'trailing-bytes',
        `${this.bytes.length - this.offset} after the last field`,
      );
    }
  }

  private take(size: number): number {
    const at = this.offset;
    if (at + size > this.bytes.length) {
      throw new TsguError(
        this.name,
        'field-exceeds-packet',
        `${size} bytes at offset ${at} of ${this.bytes.length}`,
      );
    }
    this.offset += size;
    return at;
  }
}

/** Encodes a packet; throws RangeError when a value does not fit its field. */
export function encodeTsguPacket(packet: TsguPacket): Buffer {
  const body = new BodyWriter();
  switch (packet.type) {
    case 'HANDSHAKE_REQUEST':
      body.u8(packet.versionMajor).u8(packet.versionMinor).u16(packet.clientVersion).u16(packet.extendedAuth);
      break;
    case 'HANDSHAKE_RESPONSE':
      body.u32(packet.errorCode).u8(packet.versionMajor).u8(packet.versionMinor);
      body.u16(packet.serverVersion).u16(packet.extendedAuth);
      break;
    case 'TUNNEL_CREATE':
      body.u32(packet.capabilities).fields(bit(TUNNEL_PACKET_FIELD_PAA_COOKIE, packet.paaCookie));
      if (packet.paaCookie !== null) body.string(packet.paaCookie);
      break;
    case 'TUNNEL_RESPONSE':
      body.u16(packet.serverVersion).u32(packet.statusCode);
      body.fields(
        bit(TUNNEL_RESPONSE_FIELD_TUNNEL_ID, packet.tunnelId) |
          bit(TUNNEL_RESPONSE_FIELD_CAPS, packet.capabilities),
      );
      body.optionalU32(packet.tunnelId).optionalU32(packet.capabilities);
      break;
    case 'TUNNEL_AUTH':
      // fieldsPresent 0: no statement of health.
      body.u16(0).string(packet.clientName);
      break;
    case 'TUNNEL_AUTH_RESPONSE':
      body.u32(packet.errorCode);
      body.fields(
        bit(TUNNEL_AUTH_RESPONSE_FIELD_REDIR_FLAGS, packet.redirFlags) |
          bit(TUNNEL_AUTH_RESPONSE_FIELD_IDLE_TIMEOUT, packet.idleTimeoutMinutes),
      );
      body.optionalU32(packet.redirFlags).optionalU32(packet.idleTimeoutMinutes);
      break;
    case 'CHANNEL_CREATE':
      body.u8(packet.resources.length).u8(packet.altResources.length).u16(packet.port).u16(packet.protocol);
      for (const name of [...packet.resources, ...packet.altResources]) body.string(name);
      break;
    case 'CHANNEL_RESPONSE':
      body.u32(packet.errorCode).fields(bit(CHANNEL_RESPONSE_FIELD_CHANNELID, packet.channelId));
      body.optionalU32(packet.channelId);
      break;
    case 'DATA':
      body.u16(packet.data.length).raw(packet.data);
      break;
    // Stryker disable next-line StringLiteral: equivalent: a KEEPALIVE has no body to write
    case 'KEEPALIVE':
      break;
    case 'CLOSE_CHANNEL':
    case 'CLOSE_CHANNEL_RESPONSE':
      body.u32(packet.statusCode);
      break;
  }
  return body.finish(PKT_TYPE[packet.type]);
}

/**
 * What precedes `length` RDP bytes in a DATA packet: the packet header and cbDataLen. The gateway writes
 * it and the bytes separately, so that the screen's stream is not copied on its way.
 */
export function dataPacketHead(length: number): Buffer {
  const head = Buffer.alloc(HEADER_LENGTH + 2);
  head.writeUInt16LE(PKT_TYPE.DATA, 0);
  head.writeUInt32LE(HEADER_LENGTH + 2 + length, 4);
  head.writeUInt16LE(length, HEADER_LENGTH);
  return head;
}

/** The fieldsPresent bit of an optional field: set when the field has a value. */
function bit(flag: number, value: unknown): number {
  return value === null ? 0 : flag;
}

class BodyWriter {
  private parts: Buffer[] = [];

  u8(value: number): this {
    return this.fixed(1, (bytes) => bytes.writeUInt8(value));
  }

  u16(value: number): this {
    return this.fixed(2, (bytes) => bytes.writeUInt16LE(value));
  }

  u32(value: number): this {
    return this.fixed(4, (bytes) => bytes.writeUInt32LE(value));
  }

  optionalU32(value: number | null): this {
    return value === null ? this : this.u32(value);
  }

  /** A fieldsPresent word and its reserved word. */
  fields(present: number): this {
    return this.u16(present).u16(0);
  }

  raw(bytes: Buffer): this {
    this.parts.push(bytes);
    return this;
  }

  /** NUL-terminated UTF-16LE with its u16 byte count. */
  string(text: string): this {
    if (text.includes('\0') || /\p{Cs}/u.test(text)) {
      throw new RangeError('string holds a NUL or a lone surrogate');
    }
    const bytes = Buffer.from(`${text}\0`, 'utf16le');
    return this.u16(bytes.length).raw(bytes);
  }

  finish(type: number): Buffer {
    const body = Buffer.concat(this.parts);
    const header = Buffer.alloc(HEADER_LENGTH);
    header.writeUInt16LE(type, 0);
    header.writeUInt32LE(HEADER_LENGTH + body.length, 4);
    return Buffer.concat([header, body]);
  }

  private fixed(size: number, write: (bytes: Buffer) => void): this {
    const bytes = Buffer.alloc(size);
    write(bytes);
    this.parts.push(bytes);
    return this;
  }
}
