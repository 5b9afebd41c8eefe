import { describe, expect, it } from 'vitest';
import {
  ARGON2_PARAMETERS,
  DUMMY_HASH,
  dummyVerify,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './password-hash.js';

// Made with @node-rs/argon2 and other parameters, for hashes written before a policy change.
const STRONGER_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$XVEYH0A62WgEEATgpyUZQQ$Nvt4e6yAxVLE+99yfyD/zzn2EksdtRxIuJaaoNId7IY';
const ARGON2I_HASH =
  '$argon2i$v=19$m=19456,t=2,p=1$RWEjwft/RnQuoi0BBFPsKA$nStcOF5fPJu8IasfEuyuhlIgocy2GK2X2aokSTivF/E';
const VERSION_16_HASH =
  '$argon2id$v=16$m=19456,t=2,p=1$ibIJu/dJRntQxMYBMwpiiQ$3Jk3Hh4YyO4KMzxdq2o3iASlLxlzIlxf12qoa0Bgc7Y';

describe('hashPassword and verifyPassword', () => {
  it('writes an argon2id PHC string with the OWASP parameters and a fresh salt', async () => {
    const a = await hashPassword('Sommar-Regn-42');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hashPassword('Sommar-Regn-42')).not.toBe(a);
  });

  it('accepts the password and nothing else', async () => {
    const hash = await hashPassword('Sommar-Regn-42');
    expect(await verifyPassword(hash, 'Sommar-Regn-42')).toBe(true);
    expect(await verifyPassword(hash, 'sommar-Regn-42')).toBe(false);
    expect(await verifyPassword(hash, 'Sommar-Regn-42 ')).toBe(false);
    expect(await verifyPassword(hash, '')).toBe(false);
  });

  it('treats composed and decomposed letters as the same password', async () => {
    const composed = 'Gr\u00e5-H\u00f6st-2026';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(decomposed), composed)).toBe(true);
  });

  it('verifies hashes made with other parameters', async () => {
    expect(await verifyPassword(STRONGER_HASH, 'correct horse')).toBe(true);
  });

  it('refuses passwords over 1024 UTF-8 bytes before hashing', async () => {
    const longest = '\u00e4'.repeat(512); // two bytes each
    expect(await verifyPassword(await hashPassword(longest), longest)).toBe(true);
    await expect(hashPassword(`${longest}a`)).rejects.toThrow(RangeError);
    expect(await verifyPassword(STRONGER_HASH, 'a'.repeat(1025))).toBe(false);
  });

  it('spends a verify’s time even when it refuses without verifying', async () => {
    // A real verify takes several milliseconds on any current machine; an early return takes microseconds.
    for (const [hash, password] of [
      [STRONGER_HASH, 'a'.repeat(1025)],
      ['not a hash', 'correct horse'],
    ] as const) {
      const started = performance.now();
      expect(await verifyPassword(hash, password)).toBe(false);
      expect(performance.now() - started).toBeGreaterThan(1);
    }
  });

  it.each([
    ['an empty string', ''],
    ['text', 'not a hash'],
    ['a bcrypt hash', '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['argon2i', ARGON2I_HASH],
    ['argon2 version 0x10', VERSION_16_HASH],
    ['a truncated hash', STRONGER_HASH.slice(0, -10)],
    ['a hash without a salt', '$argon2id$v=19$m=19456,t=2,p=1$$abc'],
    ['a hash with bad base64', '$argon2id$v=19$m=19456,t=2,p=1$!!!!$????'],
    [
      'zero memory',
      '$argon2id$v=19$m=0,t=2,p=1$XVEYH0A62WgEEATgpyUZQQ$Nvt4e6yAxVLE+99yfyD/zzn2EksdtRxIuJaaoNId7IY',
    ],
  ])('returns false, without throwing, for %s', async (_, hash) => {
    expect(await verifyPassword(hash, 'correct horse')).toBe(false);
  });
});

describe('needsRehash', () => {
  it('is false for a hash made now', async () => {
    expect(needsRehash(await hashPassword('Sommar-Regn-42'))).toBe(false);
  });

  it('is true when any parameter differs', () => {
    const base = `$argon2id$v=19$m=${ARGON2_PARAMETERS.memoryCost},t=2,p=1$XVEYH0A62WgEEATgpyUZQQ$Nvt4e6yAxVLE`;
    expect(needsRehash(base)).toBe(false);
    expect(needsRehash(base.replace('m=19456', 'm=19457'))).toBe(true);
    expect(needsRehash(base.replace('t=2', 't=3'))).toBe(true);
    expect(needsRehash(base.replace('p=1', 'p=2'))).toBe(true);
    expect(needsRehash(STRONGER_HASH)).toBe(true);
  });

  it('is true for other algorithms, versions and malformed hashes', () => {
    expect(needsRehash(ARGON2I_HASH)).toBe(true);
    expect(needsRehash(VERSION_16_HASH)).toBe(true);
    expect(needsRehash('')).toBe(true);
  });
});

describe('dummyVerify', () => {
  it('uses a hash with the current parameters, so it costs what a real verify costs', async () => {
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    await expect(dummyVerify()).resolves.toBeUndefined();
  });
});
