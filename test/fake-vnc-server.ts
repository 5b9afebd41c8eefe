import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ByteQueue } from '../src/rfb/byte-queue.js';
import { vncAuthResponse } from '../src/rfb/vnc-auth.js';

/** The fake desktop's VNC password. */
export const PASSWORD = 'secret12';

/** ServerInit for an 800x600 desktop named "fake". */
export function serverInit(): Buffer {
  const init = Buffer.alloc(24 + 4);
  init.writeUInt16BE(800, 0);
  init.writeUInt16BE(600, 2);
  init.writeUInt32BE(4, 20);
  init.write('fake', 24, 'latin1');
  return init;
}

export type Minor = 3 | 7 | 8;

export function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** A VNC server with VncAuth; records what the client sends after ClientInit. */
export class FakeVncServer {
  readonly path: string;
  readonly received = new ByteQueue();
  sockets: Socket[] = [];
  clientInit: Buffer | null = null;
  private readonly server: Server;

  /** `silent`: accepts connections and never says anything. */
  constructor(
    dir: string,
    version: Minor | 'silent',
    private readonly password = PASSWORD,
  ) {
    this.path = join(dir, 'vnc.sock');
    this.server = createServer((socket) => {
      this.sockets.push(socket);
      socket.on('error', () => {});
      if (version !== 'silent') void this.serve(socket, version);
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.path, resolve));
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async serve(socket: Socket, minor: Minor): Promise<void> {
    const input = new ByteQueue();
    socket.on('data', (chunk) => (this.clientInit ? this.received.push(chunk) : input.push(chunk)));
    socket.write(`RFB 003.00${minor}\n`);
    expect((await input.read(12)).toString()).toBe(`RFB 003.00${minor}\n`);
    if (minor === 3) {
      socket.write(u32(2));
    } else {
      socket.write(Buffer.from([2, 16, 2]));
      expect((await input.read(1))[0]).toBe(2);
    }
    const challenge = randomBytes(16);
    socket.write(challenge);
    const response = await input.read(16);
    if (!response.equals(vncAuthResponse(this.password, challenge))) {
      const reason = 'Authentication failure';
      const explanation =
        minor === 8 ? Buffer.concat([u32(reason.length), Buffer.from(reason)]) : Buffer.alloc(0);
      socket.end(Buffer.concat([u32(1), explanation]));
      return;
    }
    socket.write(u32(0));
    this.clientInit = await input.read(1);
    this.received.push(input.take(input.length));
    socket.write(serverInit());
  }
}
