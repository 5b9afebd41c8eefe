import type { FastifyInstance } from 'fastify';
import { judgeCountry } from '../entry/approved-country.js';
import { visitOf } from '../entry/country-http.js';
import { strictBody, text } from '../http/schemas.js';
import type { IdentityDeps } from './identity-deps.js';
import { answerWithCookies, loginVisitOf } from './login-cookies-http.js';
import { startLogin, submitCode, submitNewPassword, submitPassword } from './otp-login.js';

/** The login journey of the guide (§2.1, §2.3): country, method, username + password, code, new password. */
export async function loginRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  app.get('/api/login/country', async (request) => {
    const verdict = await judgeCountry(deps.db, deps.gate, visitOf(request), deps.now());
    return verdict.allowed
      ? { allowed: true, country: verdict.country }
      : { allowed: false, country: verdict.country, reason: verdict.reason };
  });

  app.post(
    '/api/login/start',
    { schema: { body: strictBody({ acceptApprovedCountry: { const: true } }) } },
    async (request, reply) => answerWithCookies(reply, await startLogin(deps, visitOf(request))),
  );

  app.post<{ Body: { username: string; password: string } }>(
    '/api/login/otp/password',
    { schema: { body: strictBody({ username: text(64), password: text(1024) }) } },
    (request) => submitPassword(deps, loginVisitOf(request), request.body),
  );

  app.post<{ Body: { code: string } }>(
    '/api/login/otp/code',
    { schema: { body: strictBody({ code: text(16) }) } },
    async (request, reply) =>
      answerWithCookies(reply, await submitCode(deps, loginVisitOf(request), request.body.code)),
  );

  app.post<{ Body: { password: string; repeat: string } }>(
    '/api/login/otp/new-password',
    { schema: { body: strictBody({ password: text(1024), repeat: text(1024) }) } },
    async (request, reply) =>
      answerWithCookies(reply, await submitNewPassword(deps, loginVisitOf(request), request.body)),
  );
}
