import { hash, randomBytes } from 'node:crypto';

/** A bearer secret for a cookie or link: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: a stolen table gives no usable cookie or link. */
export function hashToken(token: string): string {
  return tokenDigest(token).toString('hex');
}

/** The same, as bytes, for tables that keep it in a bytea column. */
export function tokenDigest(token: string): Buffer {
  // The one-shot form: asked on every request, it skips making a Hash object.
  return hash('sha256', token, 'buffer');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value);
}
