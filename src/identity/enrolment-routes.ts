import type { FastifyInstance } from 'fastify';
import { visitOf } from '../entry/country-http.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import {
  acceptTermsAndLink,
  chooseEnrolmentPassword,
  confirmAuthenticator,
  startEnrolment,
} from './enrolment.js';
import {
  authenticatorConfirmed,
  enrolmentDone,
  enrolmentStartBody,
  enrolmentStarted,
  enrolmentTermsBody,
  passwordChosen,
} from './enrolment-contract.js';
import type { IdentityDeps } from './identity-deps.js';
import { codeStep, newPasswordStep } from './login-contract.js';
import { answerWithCookies, loginVisitOf } from './login-cookies-http.js';

export async function enrolmentRoutes(fastify: FastifyInstance, deps: IdentityDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/enrolment/start',
    { schema: { body: enrolmentStartBody, response: { 200: enrolmentStarted } } },
    async (request, reply) =>
      answerWithCookies(reply, await startEnrolment(deps, visitOf(request), request.body)),
  );
  app.post(
    '/api/enrolment/password',
    { schema: { body: newPasswordStep, response: { 200: passwordChosen } } },
    (request) => chooseEnrolmentPassword(deps, loginVisitOf(request), request.body),
  );
  app.post(
    '/api/enrolment/authenticator',
    { schema: { body: codeStep, response: { 200: authenticatorConfirmed } } },
    (request) => confirmAuthenticator(deps, loginVisitOf(request), request.body.code),
  );
  app.post(
    '/api/enrolment/terms',
    { schema: { body: enrolmentTermsBody, response: { 200: enrolmentDone } } },
    async (request, reply) =>
      answerWithCookies(
        reply,
        await acceptTermsAndLink(deps, loginVisitOf(request), request.body.version, request.log),
      ),
  );
}
