import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

const REDACTED = '[redacted]';
/** Query parameters whose values are credentials or one-time secrets. */
const SECRET_PARAM = /pass|token|secret|code|key|ticket|session|otp|state|nonce/i;

/**
 * Pino options that keep secrets out of the log: no bodies or cookies are
 * logged at all, credential headers and fields are redacted wherever they
 * appear, and secret query parameters lose their values.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      censor: REDACTED,
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
        '*.secret',
        '*.otp',
        '*.code',
        '*.cookie',
        '*.authorization',
        'password',
        'token',
        'secret',
      ],
    },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactQuery(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}

export function redactQuery(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAM.test(name)) params.set(name, REDACTED);
  }
  return `${url.slice(0, queryStart)}?${params.toString()}`;
}
