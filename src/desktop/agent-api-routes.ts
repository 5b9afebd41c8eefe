import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HOST_REPORT_PATH, hostReportAnswerSchema, hostReportSchema } from '../agent-api/host-report.js';
import {
  checkOutAnswerSchema,
  checkOutRequestSchema,
  giveBackRequestSchema,
  HOST_SESSION_PATH,
  hostSessionParamsSchema,
} from '../agent-api/host-requests.js';
import { AppError } from '../http/errors.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { findUserById } from '../identity/user-repository.js';
import { checkOutLicence, returnLicence, SoftwareError } from '../software/software-service.js';
import type { DesktopDeps } from './desktop-deps.js';
import { liveSessionOnHost } from './desktop-session-repository.js';
import { authenticatedHost } from './host-authentication-http.js';
import { receiveHostReport } from './host-reports.js';
import { endSession } from './session-lifecycle.js';

/**
 * The platform's side of the agents' API (src/agent-api/): reports, Log out and licences. Authenticated by
 * the host's name and secret (host-authentication-http.ts). The RDP logon is served by src/rd-gateway/.
 */
export async function agentApiRoutes(fastify: FastifyInstance, deps: DesktopDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  /** The session, if it runs on the asking host; anything else is "not found or no access". */
  const sessionOnHost = async (request: FastifyRequest, sessionId: string) => {
    const host = await authenticatedHost(deps.db, request);
    const session = await liveSessionOnHost(deps.db, sessionId, host);
    if (!session) throw new AppError('NOT_FOUND');
    return session;
  };

  for (const kind of ['register', 'report'] as const) {
    app.post(
      HOST_REPORT_PATH[kind],
      {
        config: { csrf: false },
        schema: { body: hostReportSchema, response: { 200: hostReportAnswerSchema } },
      },
      async (request) =>
        receiveHostReport(deps, await authenticatedHost(deps.db, request), kind, request.body),
    );
  }

  app.post(
    HOST_SESSION_PATH.logout,
    { config: { csrf: false }, schema: { params: hostSessionParamsSchema } },
    async (request, reply) => {
      const session = await sessionOnHost(request, request.params.id);
      // R28: Log out in the start menu ends the session at once and frees its licences.
      const user = await findUserById(deps.db, session.user_id);
      await endSession(deps, session.id, 'logout', {
        id: session.user_id,
        label: user?.username ?? 'unknown',
      });
      return reply.code(204).send();
    },
  );

  app.post(
    HOST_SESSION_PATH.checkOut,
    {
      config: { csrf: false },
      schema: {
        params: hostSessionParamsSchema,
        body: checkOutRequestSchema,
        response: { 200: checkOutAnswerSchema },
      },
    },
    async (request) => {
      const session = await sessionOnHost(request, request.params.id);
      return checkOutLicence(
        deps.db,
        { softwareId: request.body.software, sessionId: session.id, userId: session.user_id },
        deps.now(),
      ).catch((error: unknown) => {
        // The session ended in between: as for any session not on this host.
        throw error instanceof SoftwareError ? new AppError('NOT_FOUND') : error;
      });
    },
  );

  app.post(
    HOST_SESSION_PATH.giveBack,
    { config: { csrf: false }, schema: { params: hostSessionParamsSchema, body: giveBackRequestSchema } },
    async (request, reply) => {
      const session = await sessionOnHost(request, request.params.id);
      await returnLicence(deps.db, request.body.leaseId, session.id, 'program-exited', deps.now());
      return reply.code(204).send();
    },
  );
}
