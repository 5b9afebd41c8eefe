import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HOST_REPORT_PATH, type HostReport, hostReportSchema } from '../agent-api/host-report.js';
import {
  type CheckOutRequest,
  checkOutRequestSchema,
  type GiveBackRequest,
  giveBackRequestSchema,
  HOST_LOGON_PATH,
  HOST_SESSION_PATH,
  hostSessionParamsSchema,
  type LogonRequest,
  logonRequestSchema,
} from '../agent-api/host-requests.js';
import { recordAudit } from '../audit/audit-service.js';
import { AppError } from '../http/errors.js';
import { jsonSchemaOf } from '../http/schemas.js';
import { consumeLogonSecret } from '../rd-gateway/rdp-grants.js';
import { checkOutLicence, returnLicence, SoftwareError } from '../software/software-service.js';
import { unixUserName } from '../storage/unix-accounts.js';
import type { DesktopDeps } from './desktop-deps.js';
import { endSession } from './desktop-service.js';
import { hostSecretMatches } from './host-registry.js';
import { receiveHostReport } from './host-reports.js';

const sessionParams = jsonSchemaOf(hostSessionParamsSchema);

/**
 * The platform's API for session hosts' agents. Authenticated by the host's name and secret, never by a
 * portal session, and without CSRF tokens: no browser holds these credentials.
 */
export async function agentApiRoutes(app: FastifyInstance, deps: DesktopDeps): Promise<void> {
  const hostOf = async (request: FastifyRequest): Promise<string> => {
    const name = request.headers['x-mona-host'];
    const auth = request.headers.authorization;
    if (typeof name !== 'string' || typeof auth !== 'string' || !auth.startsWith('Bearer ')) {
      throw new AppError('HOST_NOT_AUTHENTICATED');
    }
    if (!(await hostSecretMatches(deps.db, name, auth.slice('Bearer '.length)))) {
      throw new AppError('HOST_NOT_AUTHENTICATED');
    }
    return name;
  };

  /** The session, if it runs on the asking host; anything else is "not found or no access". */
  const sessionOnHost = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const host = await hostOf(request);
    const session = await deps.db
      .selectFrom('desktop_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.user_id', 'u.username'])
      .where('s.id', '=', request.params.id)
      .where('s.host_name', '=', host)
      .where('s.state', '<>', 'ended')
      .executeTakeFirst();
    if (!session) throw new AppError('NOT_FOUND');
    return session;
  };

  for (const kind of ['register', 'report'] as const) {
    app.post<{ Body: HostReport }>(
      HOST_REPORT_PATH[kind],
      { config: { csrf: false }, schema: { body: jsonSchemaOf(hostReportSchema) } },
      async (request) => receiveHostReport(deps, await hostOf(request), kind, request.body),
    );
  }

  // The host's login (PAM, for xrdp) spends an RDP file's logon secret: the user never types a password.
  app.post<{ Body: LogonRequest }>(
    HOST_LOGON_PATH,
    { config: { csrf: false }, schema: { body: jsonSchemaOf(logonRequestSchema) } },
    async (request) => {
      const host = await hostOf(request);
      const user = await userOfUnixAccount(deps, request.body.unixUser);
      const logon = user
        ? await consumeLogonSecret(
            deps.db,
            { hostName: host, userId: user.id, secret: request.body.secret },
            deps.now(),
          )
        : null;
      await deps.db.transaction().execute((trx) =>
        recordAudit(
          trx,
          {
            actor: user ? { id: user.id, label: user.username } : { id: null, label: `host:${host}` },
            action: logon ? 'desktop.rdp_logon' : 'desktop.rdp_logon_refused',
            ...(logon ? { target: { type: 'desktop_session', id: logon.sessionId } } : {}),
            details: { host },
          },
          deps.now(),
        ),
      );
      if (!logon) throw new AppError('NOT_FOUND');
      // The host closes the RDP connection after this long without input (R25): clients may ignore the gateway's word.
      return { sessionId: logon.sessionId, idleSeconds: deps.settings.idleSeconds };
    },
  );

  app.post<{ Params: { id: string } }>(
    HOST_SESSION_PATH.logout,
    { config: { csrf: false }, schema: { params: sessionParams } },
    async (request, reply) => {
      const session = await sessionOnHost(request);
      // R28: Log out in the start menu ends the session at once and frees its licences.
      await endSession(deps, session.id, 'logout', { id: session.user_id, label: session.username });
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: CheckOutRequest }>(
    HOST_SESSION_PATH.checkOut,
    {
      config: { csrf: false },
      schema: { params: sessionParams, body: jsonSchemaOf(checkOutRequestSchema) },
    },
    async (request) => {
      const session = await sessionOnHost(request);
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

  app.post<{ Params: { id: string }; Body: GiveBackRequest }>(
    HOST_SESSION_PATH.giveBack,
    {
      config: { csrf: false },
      schema: { params: sessionParams, body: jsonSchemaOf(giveBackRequestSchema) },
    },
    async (request, reply) => {
      const session = await sessionOnHost(request);
      await returnLicence(deps.db, request.body.leaseId, session.id, 'program-exited', deps.now());
      return reply.code(204).send();
    },
  );
}

/**
 * The mona user whose Unix account this is. "m-" names map back directly (unixUserName turns only dots into
 * underscores, and such usernames have no underscores); the rare hashed "mh-" names are matched by scan.
 */
async function userOfUnixAccount(deps: DesktopDeps, unixUser: string) {
  const candidates = unixUser.startsWith('m-')
    ? await deps.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', '=', unixUser.slice(2).replaceAll('_', '.'))
        .execute()
    : await deps.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('unix_uid', 'is not', null)
        .execute();
  return candidates.find((user) => unixUserName(user.username) === unixUser) ?? null;
}
