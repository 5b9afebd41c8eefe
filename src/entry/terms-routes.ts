import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { sessionOf } from '../identity/session-plugin.js';
import { acceptTermsBody, currentTerms as currentTermsAnswer, termsAccepted } from './terms-contract.js';
import { acceptedAtOf } from './terms-repository.js';
import { acceptTerms, currentTerms } from './terms-service.js';

/** Terms of use in MONA web (R10, R14): read them, accept the version in force. */
export async function termsRoutes(
  fastify: FastifyInstance,
  { db, now }: { db: Db; now: () => Date },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/terms/current',
    { config: { auth: 'optional' }, schema: { response: { 200: currentTermsAnswer } } },
    async (request) => {
      const terms = await currentTerms(db, now());
      if (!terms) throw new AppError('NOT_FOUND');
      const acceptedAt = request.session
        ? await acceptedAtOf(db, request.session.userId, terms.version)
        : null;
      return {
        version: terms.version,
        publishedAt: terms.publishedAt,
        en: terms.en,
        sv: terms.sv,
        acceptedAt,
      };
    },
  );

  app.post(
    '/api/terms/accept',
    { config: { auth: 'required' }, schema: { body: acceptTermsBody, response: { 200: termsAccepted } } },
    async (request) => {
      const session = sessionOf(request);
      const acceptedAt = await acceptTerms(db, {
        userId: session.userId,
        username: session.username,
        version: request.body.version,
        ip: request.ip,
        now: now(),
      });
      return { acceptedAt };
    },
  );
}
