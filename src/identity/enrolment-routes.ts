import type { FastifyInstance } from 'fastify';
import { visitOf } from '../entry/country-http.js';
import { strictBody, text } from '../http/schemas.js';
import {
  acceptTermsAndLink,
  chooseEnrolmentPassword,
  confirmAuthenticator,
  startEnrolment,
} from './enrolment.js';
import type { IdentityDeps } from './identity-deps.js';
import { answerWithCookies, loginVisitOf } from './login-cookies-http.js';

export async function enrolmentRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  app.post<{ Body: { token: string; username: string; password: string } }>(
    '/api/enrolment/start',
    { schema: { body: strictBody({ token: text(64), username: text(64), password: text(1024) }) } },
    async (request, reply) =>
      answerWithCookies(reply, await startEnrolment(deps, visitOf(request), request.body)),
  );
  app.post<{ Body: { password: string; repeat: string } }>(
    '/api/enrolment/password',
    { schema: { body: strictBody({ password: text(1024), repeat: text(1024) }) } },
    (request) => chooseEnrolmentPassword(deps, loginVisitOf(request), request.body),
  );
  app.post<{ Body: { code: string } }>(
    '/api/enrolment/authenticator',
    { schema: { body: strictBody({ code: text(16) }) } },
    (request) => confirmAuthenticator(deps, loginVisitOf(request), request.body.code),
  );
  app.post<{ Body: { version: string; accept: true } }>(
    '/api/enrolment/terms',
    { schema: { body: strictBody({ version: text(40), accept: { const: true } }) } },
    async (request, reply) =>
      answerWithCookies(
        reply,
        await acceptTermsAndLink(deps, loginVisitOf(request), request.body.version, request.log),
      ),
  );
}
