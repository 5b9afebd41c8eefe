import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { HTTP_EXTENDED_AUTH_PAA } from '../src/rd-gateway/tsgu/tsgu-codes.js';
import { encodeTsguPacket, type TsguPacket, TsguReader } from '../src/rd-gateway/tsgu/tsgu-packets.js';

// FreeRDP 2.11.7's key: 15 random bytes forced into 0x40-0x5f (http_context_enable_websocket_upgrade).
export const FREERDP_KEY = 'Q@[K\\^_ZRMAVX]B';

/** The head lines FreeRDP 2.11.7 sends (http_request_write), in its order and spelling. */
export const FREERDP_HEAD_LINES: readonly string[] = [
  'RDG_OUT_DATA /remoteDesktopGateway/ HTTP/1.1',
  'Cache-Control: no-cache',
  'Pragma: no-cache',
  'Accept: */*',
  'User-Agent: MS-RDGateway/1.0',
  'Host: portal.example.org',
  'Connection: Upgrade',
  'Upgrade: websocket',
  'Sec-Websocket-Version: 13',
  `Sec-Websocket-Key: ${FREERDP_KEY}`,
  'RDG-Connection-Id: {5A0E2B8C-3F1D-4C6A-9B7E-1D2C3B4A5F60}',
  'RDG-Auth-Scheme: PAA',
  'Content-Length: 0',
];

/** What FreeRDP 2.11 sends to open the gateway's WebSocket (its 15-character key included), shortened. */
export const RDG_HEAD =
  'RDG_OUT_DATA /remoteDesktopGateway/ HTTP/1.1\r\nHost: gw\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
  'Sec-Websocket-Key: ABCDEFGHIJKLMNO\r\nSec-Websocket-Version: 13\r\nRDG-Auth-Scheme: PAA\r\n\r\n';

/** A client's WebSocket frame: masked, as RFC 6455 requires of clients. */
function clientFrame(payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = payload.length < 126 ? Buffer.from([0x82, 0x80 | payload.length]) : Buffer.alloc(4);
  if (payload.length >= 126) {
    length.writeUInt8(0x82, 0);
    length.writeUInt8(0x80 | 126, 1);
    length.writeUInt16BE(payload.length, 2);
  }
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([length, mask, masked]);
}

/** The RDP client's side: writes packets, reads the gateway's answers out of its (unmasked) frames. */
export class TsguClient {
  private bytes = Buffer.alloc(0);
  private readonly reader = new TsguReader();
  private readonly packets: TsguPacket[] = [];
  private waiting: (() => void) | null = null;
  closed = false;
  head = '';

  constructor(readonly socket: Duplex) {
    socket.write(RDG_HEAD);
    socket.on('data', (chunk: Buffer) => {
      this.bytes = Buffer.concat([this.bytes, chunk]);
      if (!this.head) {
        const end = this.bytes.indexOf('\r\n\r\n');
        if (end < 0) return;
        this.head = this.bytes.subarray(0, end).toString('latin1');
        this.bytes = this.bytes.subarray(end + 4);
      }
      this.readFrames();
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  private readFrames() {
    while (this.bytes.length >= 2) {
      const opcode = (this.bytes[0] as number) & 0x0f;
      let length = (this.bytes[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.bytes.length < 4) return;
        length = this.bytes.readUInt16BE(2);
        offset = 4;
      }
      if (this.bytes.length < offset + length) return;
      const payload = this.bytes.subarray(offset, offset + length);
      this.bytes = this.bytes.subarray(offset + length);
      if (opcode === 0x2) this.packets.push(...this.reader.push(payload));
    }
  }

  /** The handshake, as FreeRDP does it, then the tunnel with `token`; answers the handshake's reply. */
  async openTunnel(token: string): Promise<TsguPacket | null> {
    this.send({
      type: 'HANDSHAKE_REQUEST',
      versionMajor: 1,
      versionMinor: 0,
      clientVersion: 0,
      extendedAuth: HTTP_EXTENDED_AUTH_PAA,
    });
    const answer = await this.next();
    this.send({ type: 'TUNNEL_CREATE', capabilities: 0x0d, paaCookie: token });
    return answer;
  }

  send(packet: TsguPacket) {
    this.socket.write(clientFrame(encodeTsguPacket(packet)));
  }

  async next(): Promise<TsguPacket | null> {
    while (this.packets.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
    return this.packets.shift() ?? null;
  }
}
