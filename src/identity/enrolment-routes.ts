import type { FastifyInstance } from 'fastify';
import { strictBody, text } from '../http/schemas.js';
import {
  acceptTermsAndLink,
  chooseEnrolmentPassword,
  confirmAuthenticator,
  startEnrolment,
} from './enrolment.js';
import type { IdentityDeps } from './identity-deps.js';

export async function enrolmentRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  app.post<{ Body: { token: string; username: string; password: string } }>(
    '/api/enrolment/start',
    { schema: { body: strictBody({ token: text(64), username: text(64), password: text(1024) }) } },
    (request, reply) => startEnrolment(deps, request, reply, request.body),
  );
  app.post<{ Body: { password: string; repeat: string } }>(
    '/api/enrolment/password',
    { schema: { body: strictBody({ password: text(1024), repeat: text(1024) }) } },
    (request) => chooseEnrolmentPassword(deps, request, request.body),
  );
  app.post<{ Body: { code: string } }>(
    '/api/enrolment/authenticator',
    { schema: { body: strictBody({ code: text(16) }) } },
    (request) => confirmAuthenticator(deps, request, request.body.code),
  );
  app.post<{ Body: { version: string; accept: true } }>(
    '/api/enrolment/terms',
    { schema: { body: strictBody({ version: text(40), accept: { const: true } }) } },
    (request, reply) => acceptTermsAndLink(deps, request, reply, request.body.version),
  );
}
