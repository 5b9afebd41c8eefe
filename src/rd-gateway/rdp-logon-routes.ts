import type { FastifyInstance } from 'fastify';
import { HOST_LOGON_PATH, logonAnswerSchema, logonRequestSchema } from '../agent-api/host-requests.js';
import { recordAudit } from '../audit/audit-service.js';
import type { DesktopDeps } from '../desktop/desktop-deps.js';
import { authenticatedHost } from '../desktop/host-authentication-http.js';
import { AppError } from '../http/errors.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { consumeLogonSecret } from './rdp-grants.js';
import { userOfUnixAccount } from './unix-account-owner.js';

/**
 * The session host's login (PAM, for xrdp) spends an RDP file's logon secret: the user never types a
 * password. Part of the agents' API, authenticated as a host; the secret is spent and audited together.
 */
export async function rdpLogonRoute(
  fastify: FastifyInstance,
  deps: Pick<DesktopDeps, 'db' | 'now' | 'settings'>,
): Promise<void> {
  fastify
    .withTypeProvider<ZodTypeProvider>()
    .post(
      HOST_LOGON_PATH,
      { config: { csrf: false }, schema: { body: logonRequestSchema, response: { 200: logonAnswerSchema } } },
      async (request) => {
        const host = await authenticatedHost(deps.db, request);
        const user = await userOfUnixAccount(deps.db, request.body.unixUser);
        const now = deps.now();
        const logon = await deps.db.transaction().execute(async (trx) => {
          const spent = user
            ? await consumeLogonSecret(
                trx,
                { hostName: host, userId: user.id, secret: request.body.secret },
                now,
              )
            : null;
          await recordAudit(
            trx,
            {
              actor: user ? { id: user.id, label: user.username } : { id: null, label: `host:${host}` },
              action: spent ? 'desktop.rdp_logon' : 'desktop.rdp_logon_refused',
              ...(spent ? { target: { type: 'desktop_session', id: spent.sessionId } } : {}),
              details: { host },
            },
            now,
          );
          return spent;
        });
        if (!logon) throw new AppError('NOT_FOUND');
        // The host closes the RDP connection after this long without input (R25): clients may ignore the gateway's word.
        return { sessionId: logon.sessionId, idleSeconds: deps.settings.idleSeconds };
      },
    );
}
