import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Encode } from './base32.js';

/** What Google Authenticator and every other app understands (R11, R13). */
export const TOTP = { digits: 6, periodSeconds: 30, algorithm: 'SHA1' } as const;

export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

const HMAC_NAMES: ReadonlyMap<TotpAlgorithm, string> = new Map([
  ['SHA1', 'sha1'],
  ['SHA256', 'sha256'],
  ['SHA512', 'sha512'],
]);

// RFC 4226 §4 R6: the shared secret MUST be at least 128 bits.
const MIN_SECRET_BYTES = 16;

function assertSecret(secret: Buffer): void {
  if (secret.length < MIN_SECRET_BYTES) throw new RangeError(`TOTP secret under ${MIN_SECRET_BYTES} bytes`);
}

/** 160 bits, the length RFC 4226 recommends for HMAC-SHA-1. */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** RFC 4226 HOTP with the time step as counter (RFC 6238). */
export function totpCode(
  secret: Buffer,
  timeStep: number,
  digits: number = TOTP.digits,
  algorithm: TotpAlgorithm = TOTP.algorithm,
): string {
  assertSecret(secret);
  if (!Number.isSafeInteger(timeStep) || timeStep < 0) throw new RangeError(`invalid time step ${timeStep}`);
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) throw new RangeError('digits must be 6, 7 or 8');
  const hmacName = HMAC_NAMES.get(algorithm);
  if (hmacName === undefined) throw new RangeError(`unsupported algorithm ${String(algorithm)}`);

  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(timeStep));
  const mac = createHmac(hmacName, secret).update(counter).digest();
  // Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte picks 31 bits.
  const offset = (mac.at(-1) ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fff_ffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function timeStepAt(now: Date): number {
  const ms = now.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date');
  return Math.floor(ms / 1000 / TOTP.periodSeconds);
}

/** Exactly six ASCII digits: the guide says "without spaces" (R13), and other digits are refused too. */
export function isWellFormedCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code);
}

/**
 * Accepts the code of the current step or of one step either side (a phone
 * clock a little off, a code typed as it changes). A step at or before
 * `lastUsedStep` is refused, so an observed code cannot be replayed, nor an
 * older one used after a newer one. On success the caller stores `step` as
 * the new `lastUsedStep`.
 */
export function verifyTotp(
  secret: Buffer,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): { ok: true; step: number } | { ok: false } {
  if (!isWellFormedCode(code)) return { ok: false };
  const given = Buffer.from(code);
  const current = timeStepAt(now);
  let matched: number | null = null;
  // All three candidates are computed and compared, so timing does not tell which one matched.
  for (const step of [current - 1, current, current + 1]) {
    if (step < 0 || (lastUsedStep !== null && step <= lastUsedStep)) continue;
    if (timingSafeEqual(Buffer.from(totpCode(secret, step)), given)) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}

/**
 * The key URI the authenticator app scans as a QR code, in the format of
 * Google Authenticator's "Key Uri Format" page. Issuer and account are
 * percent-encoded; a colon in either would make the label ambiguous.
 */
export function otpauthUri(input: { issuer: string; accountName: string; secret: Buffer }): string {
  const { issuer, accountName, secret } = input;
  assertSecret(secret);
  for (const value of [issuer, accountName]) {
    if (value.trim() === '' || value.includes(':')) {
      throw new RangeError('issuer and accountName must be non-empty and contain no colon');
    }
  }
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const query = [
    `secret=${base32Encode(secret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    `algorithm=${TOTP.algorithm}`,
    `digits=${TOTP.digits}`,
    `period=${TOTP.periodSeconds}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
