import type { FastifyInstance } from 'fastify';
import { auditRefusal } from '../access/approved-country.js';
import { strictBody, text } from '../http/schemas.js';
import type { IdentityDeps } from './identity-deps.js';
import { startLogin, submitCode, submitNewPassword, submitPassword } from './otp-login.js';

/** The login journey of the guide (§2.1, §2.3): country, method, username + password, code, new password. */
export async function loginRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  app.get('/api/login/country', async (request) => {
    const verdict = deps.gate.check(request.ip);
    if (verdict.allowed) return { allowed: true, country: verdict.country };
    await auditRefusal(deps.db, request, verdict, deps.now());
    return { allowed: false, country: verdict.country, reason: verdict.reason };
  });

  app.post(
    '/api/login/start',
    { schema: { body: strictBody({ acceptApprovedCountry: { const: true } }) } },
    (request, reply) => startLogin(deps, request, reply),
  );

  app.post<{ Body: { username: string; password: string } }>(
    '/api/login/otp/password',
    { schema: { body: strictBody({ username: text(64), password: text(1024) }) } },
    (request) => submitPassword(deps, request, request.body),
  );

  app.post<{ Body: { code: string } }>(
    '/api/login/otp/code',
    { schema: { body: strictBody({ code: text(16) }) } },
    (request, reply) => submitCode(deps, request, reply, request.body.code),
  );

  app.post<{ Body: { password: string; repeat: string } }>(
    '/api/login/otp/new-password',
    { schema: { body: strictBody({ password: text(1024), repeat: text(1024) }) } },
    (request, reply) => submitNewPassword(deps, request, reply, request.body),
  );
}
