import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { account, deletionRequestBody, deletionRequested } from './account-contract.js';
import { accountOverview, requestAccountDeletion } from './account-service.js';
import type { IdentityDeps } from './identity-deps.js';
import { sessionOf } from './session-plugin.js';

/** MONA web's "My account": who the user is, and ordering the account's closure and deletion (R31). */
export async function accountRoutes(fastify: FastifyInstance, deps: IdentityDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/account',
    { config: { auth: 'required' }, schema: { response: { 200: account } } },
    (request) => accountOverview(deps, sessionOf(request)),
  );

  app.post(
    '/api/account/deletion-request',
    {
      config: { auth: 'required' },
      schema: { body: deletionRequestBody, response: { 200: deletionRequested } },
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
