import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger, LoggerOptions } from 'pino';

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

/**
 * One log line per request, when it has been answered, with the request, the status and the time it
 * took: Fastify's own two (one as it comes in, one as it is answered) were a fifth of the server's
 * work on the session poll. The line as it comes in is still there at debug level.
 */
export class RequestLogLines extends LogController {
  // Per server logger: a child of it that does not redact.
  readonly #unredacted = new WeakMap<FastifyRequest['log'], Logger>();

  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else this.#plain(request).info({ reqId: request.id, ...line }, 'request completed');
  }

  /**
   * The answered request's line holds only what the serializers keep (method, path with secret parameters
   * blanked, address, status, time), so it needs no redaction, which cost three times the rest of the line.
   */
  #plain(request: FastifyRequest): Logger {
    const server = request.server.log;
    let plain = this.#unredacted.get(server);
    if (!plain) {
      plain = (server as Logger).child({}, { redact: { paths: [] } });
      this.#unredacted.set(server, plain);
    }
    return plain;
  }
}
