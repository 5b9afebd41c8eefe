import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '../../http/zod-provider.js';
import type { IdentityDeps } from '../identity-deps.js';
import { bankIdStartBody, bankIdStarted } from '../login-contract.js';
import { answerWithCookies, loginVisitOf } from '../login-cookies-http.js';
import { BANKID_CALLBACK_PATH, finishBankIdLogin, startBankIdLogin } from './bankid-login.js';

export async function bankIdRoutes(fastify: FastifyInstance, deps: IdentityDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/login/bankid/start',
    { schema: { body: bankIdStartBody, response: { 200: bankIdStarted } } },
    (request) => startBankIdLogin(deps, loginVisitOf(request), request.body, request.log),
  );

  app.get(BANKID_CALLBACK_PATH, async (request, reply) => {
    const visit = { ...loginVisitOf(request), callbackUrl: request.url };
    const outcome = answerWithCookies(reply, await finishBankIdLogin(deps, visit, request.log));
    return reply.redirect(outcome === 'portal' ? '/portal' : `/login/bankid?outcome=${outcome}`);
  });
}
