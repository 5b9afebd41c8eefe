import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.js';

// RFC 4648 §10, with the padding our encoder leaves off.
const VECTORS: readonly (readonly [plain: string, padded: string])[] = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
];

describe('base32Encode', () => {
  it.each(VECTORS)('encodes %j as the RFC 4648 vector without padding', (plain, padded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(padded.replaceAll('=', ''));
  });

  it('encodes the RFC 6238 SHA-1 seed as authenticator apps show it', () => {
    expect(base32Encode(Buffer.from('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
});

describe('base32Decode', () => {
  it.each(VECTORS)('decodes the vector for %j with and without padding', (plain, padded) => {
    expect(base32Decode(padded).toString()).toBe(plain);
    expect(base32Decode(padded.replaceAll('=', '')).toString()).toBe(plain);
  });

  it('accepts lower case and spaces', () => {
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(base32Decode(' MzXw6 YtBoI====== ').toString()).toBe('foobar');
  });

  it('round-trips every byte value', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (let length = 0; length <= 20; length++) {
      const slice = bytes.subarray(length * 7, length * 7 + length);
      expect(base32Decode(base32Encode(slice))).toEqual(slice);
    }
  });

  it.each([
    ['a digit outside the alphabet', 'MZXW6YT1'],
    ['a digit outside the alphabet', 'MZXW6YT8'],
    ['padding in the middle', 'MY==MZXQ'],
    ['a tab', 'MZXW\t6YTB'],
    ['a hyphen', 'MZXW-6YTB'],
    ['base64 characters', 'MZXW6YT+'],
    ['letters that upper-case into the alphabet', 'ıſ'],
    ['a full-width letter', 'ＭＹ'],
  ])('refuses %s (%j)', (_, text) => {
    expect(() => base32Decode(text)).toThrow(/invalid character/);
  });

  it('refuses lengths no encoder produces', () => {
    for (const text of ['M', 'MZX', 'MZXW6Y', 'M=======']) {
      expect(() => base32Decode(text)).toThrow(/whole number of bytes/);
    }
  });

  it('refuses wrong padding', () => {
    for (const text of ['MY=====', 'MY=======', 'MZXW6YTB========']) {
      expect(() => base32Decode(text)).toThrow(/padding/);
    }
  });

  it('refuses non-zero trailing bits', () => {
    expect(() => base32Decode('MZ')).toThrow(/trailing bits/);
  });
});
