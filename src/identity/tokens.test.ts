import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newToken, tokenDigest } from './tokens.js';

describe('a stored token', () => {
  it('is the SHA-256 of the cookie or link, so sessions and links made before an upgrade still match', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = newToken();
    expect(tokenDigest(token)).toEqual(createHash('sha256').update(token).digest());
    expect(hashToken(token)).toBe(tokenDigest(token).toString('hex'));
  });
});
