import { AppError } from '../http/errors.js';
import type { StaffRole } from './identity-tables.js';
import type { ActiveSession } from './session-service.js';

/** What staff do, and the roles (`user_roles`, read into every session) that may do it. */
const ROLES_FOR = {
  support: ['support', 'operator'],
  review: ['reviewer'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffDuty = keyof typeof ROLES_FOR;

/** Staff-only routes answer everyone else as if they did not exist. */
export function authorizeStaff(session: ActiveSession, duty: StaffDuty): ActiveSession {
  const allowed: readonly StaffRole[] = ROLES_FOR[duty];
  if (!session.roles.some((role) => allowed.includes(role))) throw new AppError('NOT_FOUND');
  return session;
}
