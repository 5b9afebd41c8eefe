import {
  loggedOut,
  type SessionInfo,
  type StaffRole,
  sessionInfo,
} from '../../../src/identity/session-contract.js';
import { ApiError, getJson, postJson } from '../api/client.js';

export type { SessionInfo, StaffRole };

/** Why the server says there is no session, when it knows: idle, logged out, or used from outside the approved countries. */
export type EndReason = 'idle' | 'logout' | 'country' | undefined;

export type SessionAnswer = { active: true; info: SessionInfo } | { active: false; reason: EndReason };

/** The current session, or why there is none. Polling this does not count as activity. */
export async function fetchSession(): Promise<SessionAnswer> {
  try {
    return { active: true, info: await getJson('/api/session', sessionInfo, { passive: true }) };
  } catch (error) {
    // Asked from outside the approved countries, the server has just ended the session.
    if (error instanceof ApiError && error.code === 'COUNTRY_NOT_APPROVED')
      return { active: false, reason: 'country' };
    if (!(error instanceof ApiError) || error.code !== 'NOT_AUTHENTICATED') throw error;
    const reason = error.problemWith('reason');
    const known = reason === 'idle' || reason === 'logout' || reason === 'country';
    return { active: false, reason: known ? reason : undefined };
  }
}

export function extendSession(): Promise<SessionInfo> {
  return postJson('/api/session/extend', {}, sessionInfo);
}

export async function logOut(): Promise<void> {
  await postJson('/api/session/logout', {}, loggedOut);
}

export function hasSupportAccess(info: SessionInfo): boolean {
  return info.user.roles.includes('support') || info.user.roles.includes('operator');
}

/** Reviewers decide on uploads that wait for a person (the server asks for this role alone). */
export function hasReviewerAccess(info: SessionInfo): boolean {
  return info.user.roles.includes('reviewer');
}
