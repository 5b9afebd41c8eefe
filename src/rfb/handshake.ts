import { vncAuthResponse } from './vnc-auth.js';

/** RFB minor versions we speak; all are major version 3. */
export type RfbMinor = 3 | 7 | 8;

type Read = (size: number) => Promise<Buffer>;
type Write = (bytes: Buffer) => void;

const SECURITY_NONE = 1;
const SECURITY_VNC_AUTH = 2;
const MAX_REASON_BYTES = 1024;

/** A handshake failure; `message` is safe to show the browser, `detail` is for the log only. */
export class HandshakeError extends Error {
  constructor(
    message: string,
    readonly detail = '',
  ) {
    super(message);
  }
}

function parseVersion(line: Buffer): { major: number; minor: number } | null {
  const match = /^RFB (\d{3})\.(\d{3})\n$/.exec(line.toString('latin1'));
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

function versionLine(minor: RfbMinor): Buffer {
  return Buffer.from(`RFB 003.00${minor}\n`, 'latin1');
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** Reads a u32-length-prefixed reason string, kept short and printable for the log. */
async function readReason(read: Read): Promise<string> {
  const size = (await read(4)).readUInt32BE();
  if (size > MAX_REASON_BYTES) return '(reason too long)';
  const text = size === 0 ? '' : (await read(size)).toString('utf8');
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

/**
 * Client role towards the VNC server, up to and including SecurityResult: ServerInit is left
 * unread because the server only sends it after the browser's ClientInit.
 */
export async function authenticateUpstream(read: Read, write: Write, password: string): Promise<void> {
  const server = parseVersion(await read(12));
  if (!server || server.major < 3 || (server.major === 3 && server.minor < 3)) {
    throw new HandshakeError('desktop speaks an unknown protocol');
  }
  // Servers between 3.3 and 3.7 use the 3.3 handshake; anything newer than 3.8 talks 3.8 to us.
  const minor: RfbMinor = server.major > 3 || server.minor >= 8 ? 8 : server.minor === 7 ? 7 : 3;
  write(versionLine(minor));

  if (minor === 3) {
    const type = (await read(4)).readUInt32BE();
    if (type === 0) throw new HandshakeError('desktop refused the connection', await readReason(read));
    if (type !== SECURITY_VNC_AUTH) {
      throw new HandshakeError('desktop security type unsupported', `type ${type}`);
    }
  } else {
    const count = (await read(1)).readUInt8();
    if (count === 0) throw new HandshakeError('desktop refused the connection', await readReason(read));
    const types = await read(count);
    if (!types.includes(SECURITY_VNC_AUTH)) {
      throw new HandshakeError('desktop security type unsupported', `types ${[...types].join(',')}`);
    }
    write(Buffer.from([SECURITY_VNC_AUTH]));
  }

  write(vncAuthResponse(password, await read(16)));
  if ((await read(4)).readUInt32BE() !== 0) {
    // Only 3.8 explains a failure.
    throw new HandshakeError('desktop authentication failed', minor === 8 ? await readReason(read) : '');
  }
}

/** Thrown when the browser breaks the handshake; the message is safe to show it. */
export class BrowserProtocolError extends Error {}

/**
 * Server role towards the browser, offering only security type None (the gateway has already
 * authenticated the user). Resolves with the browser's ClientInit message.
 */
export async function greetBrowser(read: Read, write: Write): Promise<Buffer> {
  write(versionLine(8));
  const client = parseVersion(await read(12));
  if (!client) throw new BrowserProtocolError('invalid protocol version');
  // The RFB spec: versions other than 3.7 and 3.8 are to be treated as 3.3.
  const minor: RfbMinor = client.major === 3 && (client.minor === 7 || client.minor === 8) ? client.minor : 3;

  if (minor === 3) {
    write(u32(SECURITY_NONE));
  } else {
    write(Buffer.from([1, SECURITY_NONE]));
    if ((await read(1)).readUInt8() !== SECURITY_NONE) {
      throw new BrowserProtocolError('invalid security type');
    }
    // Before 3.8 there is no SecurityResult after None.
    if (minor === 8) write(u32(0));
  }
  return read(1);
}
