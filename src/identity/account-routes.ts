import type { FastifyInstance } from 'fastify';
import { strictBody } from '../http/schemas.js';
import { accountOverview, requestAccountDeletion } from './account-service.js';
import type { IdentityDeps } from './identity-deps.js';
import { sessionOf } from './session-plugin.js';

/** MONA web's "My account": who the user is, and ordering the account's closure and deletion (R31). */
export async function accountRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  app.get('/api/account', { config: { auth: 'required' } }, (request) =>
    accountOverview(deps, sessionOf(request)),
  );

  app.post<{ Body: { confirm: true; reason?: string } }>(
    '/api/account/deletion-request',
    {
      config: { auth: 'required' },
      schema: {
        body: strictBody({ confirm: { const: true }, reason: { type: 'string', maxLength: 2000 } }, [
          'confirm',
        ]),
      },
    },
    (request) =>
      requestAccountDeletion(
        deps,
        sessionOf(request),
        { ip: request.ip, reason: request.body.reason },
        request.log,
      ),
  );
}
