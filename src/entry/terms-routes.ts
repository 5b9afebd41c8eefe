import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { strictBody, text } from '../http/schemas.js';
import { sessionOf } from '../identity/session-plugin.js';
import { acceptedAtOf } from './terms-repository.js';
import { acceptTerms, currentTerms } from './terms-service.js';

/** Terms of use in MONA web (R10, R14): read them, accept the version in force. */
export async function termsRoutes(
  app: FastifyInstance,
  { db, now }: { db: Db; now: () => Date },
): Promise<void> {
  app.get('/api/terms/current', { config: { auth: 'optional' } }, async (request) => {
    const terms = await currentTerms(db, now());
    if (!terms) throw new AppError('NOT_FOUND');
    const acceptedAt = request.session ? await acceptedAtOf(db, request.session.userId, terms.version) : null;
    return {
      version: terms.version,
      publishedAt: terms.publishedAt.toISOString(),
      en: terms.en,
      sv: terms.sv,
      acceptedAt: acceptedAt?.toISOString() ?? null,
    };
  });

  app.post<{ Body: { version: string } }>(
    '/api/terms/accept',
    {
      config: { auth: 'required' },
      schema: {
        body: strictBody({ version: text(40) }),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const acceptedAt = await acceptTerms(db, {
        userId: session.userId,
        username: session.username,
        version: request.body.version,
        ip: request.ip,
        now: now(),
      });
      return { acceptedAt: acceptedAt.toISOString() };
    },
  );
}
