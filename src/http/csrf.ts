import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { csrfToken } from './csrf-contract.js';
import { AppError } from './errors.js';
import type { ZodTypeProvider } from './zod-provider.js';

/**
 * Signed double-submit: an HttpOnly cookie holds a random value, and every
 * state-changing request must carry, in a header, that value's HMAC under the
 * installation's key. Another site can make the browser send the cookie but
 * can neither read it nor compute the header. Requests announcing another
 * Origin are refused outright.
 */
export const CSRF_COOKIE = '__Host-mona-csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false on a route that authenticates by other means (never on a cookie-authenticated one). */
    csrf?: boolean;
  }
}

export function installCsrfProtection(app: FastifyInstance, key: Buffer): void {
  const sign = (value: string) => createHmac('sha256', key).update(value).digest('base64url');

  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/csrf-token', { schema: { response: { 200: csrfToken } } }, async (request, reply) => {
      let value = request.cookies[CSRF_COOKIE];
      if (!value || !COOKIE_VALUE.test(value)) {
        value = randomBytes(32).toString('base64url');
        reply.setCookie(CSRF_COOKIE, value, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
      }
      return { token: sign(value) };
    });

  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return;
    if (!sameOrigin(request)) throw new AppError('CROSS_ORIGIN_REFUSED');
    const value = request.cookies[CSRF_COOKIE];
    const header = request.headers[CSRF_HEADER];
    if (!value || !COOKIE_VALUE.test(value) || typeof header !== 'string')
      throw new AppError('CSRF_TOKEN_INVALID');
    const expected = Buffer.from(sign(value));
    const given = Buffer.from(header);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError('CSRF_TOKEN_INVALID');
    }
  });
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
