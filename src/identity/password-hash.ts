import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

/**
 * argon2id with the configuration the OWASP Password Storage Cheat Sheet
 * recommends: m = 19456 KiB (19 MiB), t = 2, p = 1. About 8-11 ms a hash on the
 * 2-core development machine; each hash in flight holds 19 MiB.
 */
export const ARGON2_PARAMETERS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// Far above any password the policy allows (128 code points), far below a costly input.
const MAX_PASSWORD_BYTES = 1024;

// The only form hashPassword writes and verifyPassword reads: argon2id, version 0x13, PHC string.
const PHC_ARGON2ID =
  /^\$argon2id\$v=19\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

// The hash of a random password nobody knows, made with ARGON2_PARAMETERS (a test keeps them in step).
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$lhvLwWmNRzt7Wp+GYE76BA$osl7e72Yl4nlGYJ/iOodndTtaxULQuJ0s7g1MAID3xQ';

/**
 * NFC first, so a password typed as "å" on one device and as "a" + ring on
 * another is the same password (as RFC 8265's OpaqueString profile does).
 */
function prepare(password: string): string | null {
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return null;
  return password.normalize('NFC');
}

export async function hashPassword(password: string): Promise<string> {
  const prepared = prepare(password);
  if (prepared === null) throw new RangeError(`password longer than ${MAX_PASSWORD_BYTES} bytes`);
  return argon2Hash(prepared, ARGON2_PARAMETERS);
}

/** False, never an exception, for an over-long password or a hash that is not ours. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const prepared = prepare(password);
  if (prepared === null || !PHC_ARGON2ID.test(hash)) {
    // Refusing at once would let an over-long password tell known usernames (fast) from unknown (dummyVerify).
    await dummyVerify();
    return false;
  }
  try {
    return await argon2Verify(hash, prepared);
  } catch {
    return false;
  }
}

/** True when the hash should be replaced by hashPassword() after the next successful login. */
export function needsRehash(hash: string): boolean {
  const match = PHC_ARGON2ID.exec(hash);
  if (match === null) return true;
  const [, m, t, p] = match.map(Number);
  return (
    m !== ARGON2_PARAMETERS.memoryCost ||
    t !== ARGON2_PARAMETERS.timeCost ||
    p !== ARGON2_PARAMETERS.parallelism
  );
}

/** Costs what a real verify costs, so an unknown username answers as slowly as a wrong password. */
export async function dummyVerify(): Promise<void> {
  await argon2Verify(DUMMY_HASH, 'not the password');
}
