/** RFC 4648 §6 base32, the encoding authenticator apps expect for TOTP secrets. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// Explicit table rather than toUpperCase(): 'ı' and 'ſ' upper-case to 'I' and 'S'.
const VALUES: ReadonlyMap<string, number> = new Map(
  [...ALPHABET].flatMap((char, value) => [
    [char, value],
    [char.toLowerCase(), value],
  ]),
);

// Characters left in the final 8-character block: 1, 3 and 6 cannot come out of an encoder.
const VALID_REMAINDERS: ReadonlySet<number> = new Set([0, 2, 4, 5, 7]);

/** Upper case, without padding (as Google Authenticator's key URIs want it). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Accepts upper or lower case, spaces anywhere (people copy secrets in groups)
 * and correct trailing padding. Throws on anything else, including lengths and
 * trailing bits no encoder produces, so a mistyped secret fails here and not
 * later as a wrong code.
 */
export function base32Decode(text: string): Buffer {
  const compact = text.replaceAll(' ', '');
  const data = compact.replace(/=+$/, '');
  const padding = compact.length - data.length;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of data) {
    const value = VALUES.get(char);
    if (value === undefined) throw new SyntaxError(`base32: invalid character ${JSON.stringify(char)}`);
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  if (!VALID_REMAINDERS.has(data.length % 8)) {
    throw new SyntaxError(`base32: ${data.length} characters cannot be a whole number of bytes`);
  }
  if (padding > 0 && padding !== (8 - (data.length % 8)) % 8) {
    throw new SyntaxError('base32: wrong amount of padding');
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw new SyntaxError('base32: non-zero trailing bits');
  return Buffer.from(bytes);
}
