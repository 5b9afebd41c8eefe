import { createCipheriv } from 'node:crypto';

/** Reverses the bit order of a byte: VNC feeds DES its key bytes least significant bit first. */
function reverseBits(byte: number): number {
  let out = 0;
  for (let bit = 0; bit < 8; bit++) out |= ((byte >> bit) & 1) << (7 - bit);
  return out;
}

/**
 * The VncAuth answer to a 16-byte challenge: the challenge DES-encrypted (ECB) with the
 * password (first 8 bytes, zero-padded) as key. Node has no single DES, but 3DES-EDE with
 * the same key three times is single DES.
 */
export function vncAuthResponse(password: string, challenge: Buffer): Buffer {
  if (challenge.length !== 16) throw new Error('VncAuth challenge must be 16 bytes');
  const key = Buffer.alloc(8);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 8);
  const desKey = key.map(reverseBits);
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([desKey, desKey, desKey]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(challenge), cipher.final()]);
}
