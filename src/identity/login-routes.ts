import type { FastifyInstance } from 'fastify';
import { judgeCountry } from '../entry/approved-country.js';
import { visitOf } from '../entry/country-http.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import type { IdentityDeps } from './identity-deps.js';
import {
  codeOutcome,
  codeStep,
  countryCheck,
  newPasswordStep,
  next,
  passwordStep,
  startLoginBody,
} from './login-contract.js';
import { answerWithCookies, loginVisitOf } from './login-cookies-http.js';
import { startLogin, submitCode, submitNewPassword, submitPassword } from './otp-login.js';

/** The login journey of the guide (§2.1, §2.3): country, method, username + password, code, new password. */
export async function loginRoutes(fastify: FastifyInstance, deps: IdentityDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/login/country', { schema: { response: { 200: countryCheck } } }, async (request) => {
    const verdict = await judgeCountry(deps.db, deps.gate, visitOf(request), deps.now());
    if (verdict.allowed) return { allowed: true, country: verdict.country } as const;
    // A request whose address is not one cannot come from a browser; it needs no words of its own.
    const reason = verdict.reason === 'not_an_ip' ? 'country_unknown' : verdict.reason;
    return { allowed: false, country: verdict.country, reason } as const;
  });

  app.post(
    '/api/login/start',
    { schema: { body: startLoginBody, response: { 200: next('method') } } },
    async (request, reply) => answerWithCookies(reply, await startLogin(deps, visitOf(request))),
  );

  app.post(
    '/api/login/otp/password',
    { schema: { body: passwordStep, response: { 200: next('code') } } },
    (request) => submitPassword(deps, loginVisitOf(request), request.body),
  );

  app.post(
    '/api/login/otp/code',
    { schema: { body: codeStep, response: { 200: codeOutcome } } },
    async (request, reply) =>
      answerWithCookies(reply, await submitCode(deps, loginVisitOf(request), request.body.code, request.log)),
  );

  app.post(
    '/api/login/otp/new-password',
    { schema: { body: newPasswordStep, response: { 200: next('portal') } } },
    async (request, reply) =>
      answerWithCookies(reply, await submitNewPassword(deps, loginVisitOf(request), request.body)),
  );
}
