import type { FastifyInstance } from 'fastify';
import { strictBody, text } from '../../http/schemas.js';
import type { IdentityDeps } from '../identity-deps.js';
import { BANKID_CALLBACK_PATH, finishBankIdLogin, startBankIdLogin } from './bankid-login.js';

export async function bankIdRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  app.post<{ Body: { username: string; language?: 'en' | 'sv' } }>(
    '/api/login/bankid/start',
    {
      schema: {
        body: strictBody({ username: text(64), language: { enum: ['en', 'sv'] } }, ['username']),
      },
    },
    (request) => startBankIdLogin(deps, request, request.body),
  );

  app.get(BANKID_CALLBACK_PATH, async (request, reply) => {
    const outcome = await finishBankIdLogin(deps, request, reply);
    return reply.redirect(outcome === 'portal' ? '/portal' : `/login/bankid?outcome=${outcome}`);
  });
}
