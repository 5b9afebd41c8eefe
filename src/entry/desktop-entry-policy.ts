import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { acceptanceOfCurrentTerms } from './terms-repository.js';

/** A portal login, as far as the way into the remote desktop cares. */
export interface PortalLogin {
  userId: string;
  /** When this login's portal session began. */
  startedAt: Date;
}

/** R10, R14: the remote desktop needs the terms in force accepted before this login began. */
function desktopAllowed(acceptedAt: Date | null, loginStartedAt: Date): boolean {
  return acceptedAt !== null && acceptedAt < loginStartedAt;
}

/** What the portal shows: are the terms in force accepted, and may this login use the remote desktop. */
export async function desktopEntryOf(db: Db, login: PortalLogin, now: Date) {
  // Asked on every session poll: one query, without the texts.
  const acceptedAt = await acceptanceOfCurrentTerms(db, login.userId, now);
  return { termsAccepted: acceptedAt !== null, remoteDesktop: desktopAllowed(acceptedAt, login.startedAt) };
}

/**
 * Opening or using the remote desktop (in the browser, by an RDP file, its keyboard): the terms in force accepted
 * before this login (R14). The country is checked for every request of a portal session (session-admission.ts).
 */
export async function authorizeDesktopUse(db: Db, login: PortalLogin, now: Date): Promise<void> {
  if (!(await desktopEntryOf(db, login, now)).remoteDesktop) throw new AppError('DESKTOP_NOT_ALLOWED');
}
