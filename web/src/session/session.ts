import { ApiError, getJson, isRecord, isString, postJson } from '../api/client.js';

export const staffRoles = ['support', 'reviewer', 'operator'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** The body of `GET /api/session` and `POST /api/session/extend`. */
export interface SessionInfo {
  user: { username: string; fullName: string; roles: StaffRole[] };
  session: { startedAt: string; expiresAt: string; now: string; idleSeconds: number; warningSeconds: number };
  portal: { remoteDesktop: boolean; termsAccepted: boolean };
}

/** Why the server says there is no session: it reports `idle` or `logout` when it knows. */
export type EndReason = 'idle' | 'logout' | undefined;

const isStaffRole = (value: unknown): value is StaffRole => staffRoles.some((role) => role === value);
const isSeconds = (value: unknown): value is number => typeof value === 'number' && value > 0;

export function parseSessionInfo(body: unknown): SessionInfo | undefined {
  if (!isRecord(body) || !isRecord(body.user) || !isRecord(body.session) || !isRecord(body.portal)) {
    return undefined;
  }
  const { username, fullName, roles } = body.user;
  const { startedAt, expiresAt, now, idleSeconds, warningSeconds } = body.session;
  const { remoteDesktop, termsAccepted } = body.portal;
  if (!isString(username) || !isString(fullName) || !Array.isArray(roles)) return undefined;
  if (!isString(startedAt) || !isString(expiresAt) || !isString(now)) return undefined;
  if (!isSeconds(idleSeconds) || !isSeconds(warningSeconds)) return undefined;
  if (typeof remoteDesktop !== 'boolean' || typeof termsAccepted !== 'boolean') return undefined;
  return {
    // A role this version does not know grants nothing here.
    user: { username, fullName, roles: roles.filter(isStaffRole) },
    session: { startedAt, expiresAt, now, idleSeconds, warningSeconds },
    portal: { remoteDesktop, termsAccepted },
  };
}

export type SessionAnswer = { active: true; info: SessionInfo } | { active: false; reason: EndReason };

/** The current session, or why there is none. Polling this does not count as activity. */
export async function fetchSession(): Promise<SessionAnswer> {
  try {
    return { active: true, info: await getJson('/api/session', parseSessionInfo, { passive: true }) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'NOT_AUTHENTICATED') throw error;
    const reason = error.problemWith('reason');
    return { active: false, reason: reason === 'idle' || reason === 'logout' ? reason : undefined };
  }
}

export function extendSession(): Promise<SessionInfo> {
  return postJson('/api/session/extend', {}, parseSessionInfo);
}

export async function logOut(): Promise<void> {
  await postJson('/api/session/logout', {}, (body) => (isRecord(body) ? body : undefined));
}

export function hasSupportAccess(info: SessionInfo): boolean {
  return info.user.roles.includes('support') || info.user.roles.includes('operator');
}

/** Reviewers decide on uploads that wait for a person (the server asks for this role alone). */
export function hasReviewerAccess(info: SessionInfo): boolean {
  return info.user.roles.includes('reviewer');
}
