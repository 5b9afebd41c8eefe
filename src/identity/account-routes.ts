import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/audit-service.js';
import { strictBody } from '../http/schemas.js';
import { deletionConfirmationMail, deletionNoticeToSupport } from '../notify/account-messages.js';
import type { IdentityDeps } from './identity-deps.js';
import { sessionOf } from './session-plugin.js';

/** MONA web's "My account": who the user is, and ordering the account's closure and deletion (R31). */
export async function accountRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  const openRequest = (userId: string) =>
    deps.db
      .selectFrom('account_deletion_requests')
      .select(['requested_at', 'state'])
      .where('user_id', '=', userId)
      .where('state', '=', 'open')
      .executeTakeFirst();

  app.get('/api/account', { config: { auth: 'required' } }, async (request) => {
    const session = sessionOf(request);
    const user = await deps.db
      .selectFrom('users')
      .select(['username', 'full_name', 'email', 'login_method'])
      .where('id', '=', session.userId)
      .executeTakeFirstOrThrow();
    const projects = await deps.db
      .selectFrom('project_members')
      .innerJoin('projects', 'projects.id', 'project_members.project_id')
      .select(['projects.id', 'projects.name', 'project_members.role'])
      .where('project_members.user_id', '=', session.userId)
      .orderBy('projects.id')
      .execute();
    const deletion = await openRequest(session.userId);
    return {
      username: user.username,
      fullName: user.full_name,
      email: user.email,
      loginMethod: user.login_method,
      roles: session.roles,
      projects,
      deletionRequest: deletion
        ? { requestedAt: deletion.requested_at.toISOString(), state: deletion.state }
        : null,
    };
  });

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
    async (request) => {
      const session = sessionOf(request);
      const existing = await openRequest(session.userId);
      if (existing) return { requestedAt: existing.requested_at.toISOString(), alreadyRequested: true };
      const now = deps.now();
      const reason = request.body.reason?.trim() || null;
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('account_deletion_requests')
          .values({ user_id: session.userId, requested_at: now, ip: request.ip, reason })
          .execute();
        await recordAudit(
          trx,
          {
            actor: { id: session.userId, label: session.username },
            action: 'account.deletion_requested',
            target: { type: 'user', id: session.userId },
            ip: request.ip,
          },
          now,
        );
      });
      const user = await deps.db
        .selectFrom('users')
        .select(['email', 'full_name'])
        .where('id', '=', session.userId)
        .executeTakeFirstOrThrow();
      const input = {
        fullName: user.full_name,
        username: session.username,
        email: user.email,
        requestedAt: now,
        reason,
        operatorName: deps.operator.name,
        supportEmail: deps.operator.supportEmail,
      };
      // Recorded and audited whatever happens to the mail; a failed mail is logged for support to see.
      for (const mail of [deletionNoticeToSupport(input), deletionConfirmationMail(input)]) {
        await deps.mailer
          ?.send(mail)
          .catch((error: unknown) => request.log.warn({ err: error }, 'a deletion mail was not sent'));
      }
      return { requestedAt: now.toISOString(), alreadyRequested: false };
    },
  );
}
