import type { Db } from '../db/connect.js';
import { deleteAttemptsBefore, deleteExpiredLoginFlows } from './login-repository.js';
import { sweepIdleSessions } from './session-service.js';

// Attempts older than this no longer matter to throttling or lockout.
const ATTEMPT_RETENTION_MS = 24 * 3600 * 1000;

/** Ends idle sessions (audited), forgets abandoned logins and old attempts. */
export async function identityHousekeeping(db: Db, now: Date): Promise<void> {
  await sweepIdleSessions(db, now);
  await deleteExpiredLoginFlows(db, now);
  await deleteAttemptsBefore(db, new Date(now.getTime() - ATTEMPT_RETENTION_MS));
}
