import { createCipheriv } from 'node:crypto';

/** Reverses the bit order of a byte: VNC feeds DES its key bytes least significant bit first. */
function reverseBits(byte: number): number {
  let out = 0;
  for (let bit = 0; bit < 8; bit++) out |= ((byte >> bit) & 1) << (7 - bit);
  return out;
}

/** A password as VNC uses it: its first 8 bytes, zero-padded. */
function vncPasswordBytes(password: string): Buffer {
  const bytes = Buffer.alloc(8);
  Buffer.from(password, 'utf8').copy(bytes, 0, 0, 8);
  return bytes;
}

/**
 * DES (ECB) as VNC does it, with the key's bits in VNC's order. Node has no single DES, but 3DES-EDE with the
 * same key three times is single DES.
 */
function vncDes(key: Buffer, data: Buffer): Buffer {
  const desKey = key.map(reverseBits);
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([desKey, desKey, desKey]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** The VncAuth answer to a 16-byte challenge: the challenge encrypted with the password as key. */
export function vncAuthResponse(password: string, challenge: Buffer): Buffer {
  if (challenge.length !== 16) throw new Error('VncAuth challenge must be 16 bytes');
  return vncDes(vncPasswordBytes(password), challenge);
}

// The fixed key with which VNC servers and `vncpasswd` store passwords.
const STORAGE_KEY = Buffer.from([23, 82, 107, 6, 35, 78, 88, 7]);

/** The password as a VNC server's password file (-rfbauth) holds it: what `vncpasswd -f` writes. */
export function vncPasswordFile(password: string): Buffer {
  return vncDes(STORAGE_KEY, vncPasswordBytes(password));
}
