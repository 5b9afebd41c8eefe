import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import type { ActiveSession } from '../identity/session-service.js';
import { authorizeStaff } from '../identity/staff-policy.js';
import { authorizeReviewer, type ReviewAttempt } from '../review/four-eyes-policy.js';
import { findUploadInReview } from './upload-repository.js';

/**
 * May this person review this upload: a reviewer, and the upload waits for
 * review; anything else is refused as if the upload did not exist. And not
 * their own upload (the four-eyes rule), which they are told.
 */
export async function authorizeUploadReview(
  db: Db,
  session: ActiveSession,
  uploadId: string,
  attempt: ReviewAttempt,
) {
  authorizeStaff(session, 'review');
  const upload = await findUploadInReview(db, uploadId);
  if (!upload) throw new AppError('NOT_FOUND');
  await authorizeReviewer(
    db,
    session,
    { type: 'upload', id: upload.id, submitterId: upload.user_id, projectId: upload.project_id },
    attempt,
  );
  return upload;
}
