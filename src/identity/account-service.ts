import { recordAudit } from '../audit/audit-service.js';
import { deletionConfirmationMail, deletionNoticeToSupport } from '../notify/account-messages.js';
import { projectsOfMember } from '../projects/membership-repository.js';
import { insertDeletionRequest, openDeletionRequestOf } from './deletion-request-repository.js';
import type { IdentityDeps, WarningLog } from './identity-deps.js';
import type { ActiveSession } from './session-service.js';
import { findUserById } from './user-repository.js';

/** MONA web's "My account": who the user is, their projects, and any order to close the account. */
export async function accountOverview(deps: Pick<IdentityDeps, 'db'>, session: ActiveSession) {
  const user = await findUserById(deps.db, session.userId);
  if (!user) throw new Error(`the account of session user ${session.userId} is gone`);
  const projects = await projectsOfMember(deps.db, session.userId);
  const deletion = await openDeletionRequestOf(deps.db, session.userId);
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
}

/**
 * R31: the user orders their account closed and deleted. Recorded and audited
 * once; support and the user are told by mail, and a failed mail is logged.
 */
export async function requestAccountDeletion(
  deps: Pick<IdentityDeps, 'db' | 'mailer' | 'operator' | 'now'>,
  session: ActiveSession,
  input: { ip: string; reason: string | undefined },
  log: WarningLog,
) {
  const existing = await openDeletionRequestOf(deps.db, session.userId);
  if (existing) return { requestedAt: existing.requested_at.toISOString(), alreadyRequested: true };
  const now = deps.now();
  const reason = input.reason?.trim() || null;
  await deps.db.transaction().execute(async (trx) => {
    await insertDeletionRequest(trx, { userId: session.userId, requestedAt: now, ip: input.ip, reason });
    await recordAudit(
      trx,
      {
        actor: { id: session.userId, label: session.username },
        action: 'account.deletion_requested',
        target: { type: 'user', id: session.userId },
        ip: input.ip,
      },
      now,
    );
  });
  const user = await findUserById(deps.db, session.userId);
  if (!user) throw new Error(`the account of session user ${session.userId} is gone`);
  const mailInput = {
    fullName: user.full_name,
    username: session.username,
    email: user.email,
    requestedAt: now,
    reason,
    operatorName: deps.operator.name,
    supportEmail: deps.operator.supportEmail,
  };
  for (const mail of [deletionNoticeToSupport(mailInput), deletionConfirmationMail(mailInput)]) {
    await deps.mailer
      ?.send(mail)
      .catch((error: unknown) => log.warn({ err: error }, 'a deletion mail was not sent'));
  }
  return { requestedAt: now.toISOString(), alreadyRequested: false };
}
