import type { Db } from '../db/connect.js';
import { deleteExpiredFlows } from './login-flows.js';
import { sweepIdleSessions } from './session-service.js';

// Attempts older than this no longer matter to throttling or lockout.
const ATTEMPT_RETENTION_MS = 24 * 3600 * 1000;

/** Ends idle sessions (audited), forgets abandoned logins and old attempts. */
export async function identityHousekeeping(db: Db, now: Date): Promise<void> {
  await sweepIdleSessions(db, now);
  await deleteExpiredFlows(db, now);
  await db
    .deleteFrom('login_attempts')
    .where('at', '<', new Date(now.getTime() - ATTEMPT_RETENTION_MS))
    .execute();
}
