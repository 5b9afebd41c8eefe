import type { FastifyInstance } from 'fastify';
import { strictBody, text } from '../../http/schemas.js';
import type { IdentityDeps } from '../identity-deps.js';
import { answerWithCookies, loginVisitOf } from '../login-cookies-http.js';
import { BANKID_CALLBACK_PATH, finishBankIdLogin, startBankIdLogin } from './bankid-login.js';

export async function bankIdRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  app.post<{ Body: { username: string; language?: 'en' | 'sv' } }>(
    '/api/login/bankid/start',
    {
      schema: {
        body: strictBody({ username: text(64), language: { enum: ['en', 'sv'] } }, ['username']),
      },
    },
    (request) => startBankIdLogin(deps, loginVisitOf(request), request.body, request.log),
  );

  app.get(BANKID_CALLBACK_PATH, async (request, reply) => {
    const visit = { ...loginVisitOf(request), callbackUrl: request.url };
    const outcome = answerWithCookies(reply, await finishBankIdLogin(deps, visit, request.log));
    return reply.redirect(outcome === 'portal' ? '/portal' : `/login/bankid?outcome=${outcome}`);
  });
}
