import { randomBytes } from 'node:crypto';

type Read = (size: number) => Promise<Buffer>;
type Write = (bytes: Buffer) => void;

const SECURITY_VNC_AUTH = 2;

/** What a client answered to our VncAuth challenge. */
export interface VncAuthAttempt {
  minor: 3 | 7 | 8;
  challenge: Buffer;
  response: Buffer;
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/**
 * Server role up to the client's VncAuth response, offering VncAuth only. Speaks 3.8 but
 * follows the client down to 3.3, which is what xrdp's libvnc asks for.
 */
export async function challengeClient(read: Read, write: Write): Promise<VncAuthAttempt> {
  write(Buffer.from('RFB 003.008\n', 'latin1'));
  const version = /^RFB 003\.(\d{3})\n$/.exec((await read(12)).toString('latin1'));
  if (!version) throw new Error('invalid protocol version');
  // The RFB spec: versions other than 3.7 and 3.8 are to be treated as 3.3.
  const minor = version[1] === '008' ? 8 : version[1] === '007' ? 7 : 3;
  if (minor === 3) {
    write(u32(SECURITY_VNC_AUTH));
  } else {
    write(Buffer.from([1, SECURITY_VNC_AUTH]));
    if ((await read(1))[0] !== SECURITY_VNC_AUTH) throw new Error('invalid security type');
  }
  const challenge = randomBytes(16);
  write(challenge);
  return { minor, challenge, response: await read(16) };
}

/** The SecurityResult; only 3.8 carries a reason with a failure. */
export function securityResult(minor: 3 | 7 | 8, failure?: string): Buffer {
  if (failure === undefined) return u32(0);
  if (minor !== 8) return u32(1);
  const reason = Buffer.from(failure, 'utf8');
  return Buffer.concat([u32(1), u32(reason.length), reason]);
}
