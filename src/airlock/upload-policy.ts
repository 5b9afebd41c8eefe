import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import type { ActiveSession } from '../identity/session-service.js';
import { authorizeStaff } from '../identity/staff-policy.js';
import { findUploadInReview } from './upload-repository.js';

/**
 * May this person review this upload: a reviewer, and the upload waits for
 * review. Anything else is refused as if the upload did not exist.
 */
export async function authorizeUploadReview(db: Db, session: ActiveSession, uploadId: string) {
  authorizeStaff(session, 'review');
  const upload = await findUploadInReview(db, uploadId);
  if (!upload) throw new AppError('NOT_FOUND');
  return upload;
}
