import { recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import type { ActiveSession } from '../identity/session-service.js';

/** Something a person submitted for review: an upload, later an export. */
export interface Submission {
  /** The audit log's target type, e.g. `upload`. */
  type: string;
  id: string;
  submitterId: string;
  projectId: string | null;
}

/** What a reviewer tries to do with a submission, from where, when. */
export interface ReviewAttempt {
  act: 'open' | 'decide';
  ip: string;
  now: Date;
}

/**
 * The four-eyes rule of every review: whoever submitted something takes no part in its review,
 * neither opening it as its reviewer (an export opened so would leave unreviewed) nor deciding on
 * it. The submitter knows it exists, so the refusal says why instead of NOT_FOUND; it is audited.
 */
export async function authorizeReviewer(
  db: Db,
  reviewer: ActiveSession,
  submission: Submission,
  attempt: ReviewAttempt,
): Promise<void> {
  if (reviewer.userId !== submission.submitterId) return;
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        actor: { id: reviewer.userId, label: reviewer.username },
        action: 'review.own_submission_refused',
        target: { type: submission.type, id: submission.id },
        ...(submission.projectId ? { projectId: submission.projectId } : {}),
        ip: attempt.ip,
        details: { act: attempt.act },
      },
      attempt.now,
    ),
  );
  throw new AppError('OWN_SUBMISSION');
}
