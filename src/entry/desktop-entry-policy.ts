import { AppError } from '../http/errors.js';

/** A portal login, as far as the way into the remote desktop cares. */
export interface PortalLogin {
  /** When this login's portal session began. */
  startedAt: Date;
  /** When the user accepted the terms in force, or null; read with the session on every request. */
  termsAcceptedAt: Date | null;
}

/** What the portal shows: are the terms in force accepted, and may this login use the remote desktop (R10, R14). */
export function desktopEntryOf(login: PortalLogin) {
  const acceptedAt = login.termsAcceptedAt;
  // The remote desktop needs the terms in force accepted before this login began.
  return {
    termsAccepted: acceptedAt !== null,
    remoteDesktop: acceptedAt !== null && acceptedAt < login.startedAt,
  };
}

/**
 * Opening or using the remote desktop (in the browser, by an RDP file, its keyboard): the terms in force accepted
 * before this login (R14). The country is checked for every request of a portal session (session-admission.ts).
 */
export function authorizeDesktopUse(login: PortalLogin): void {
  if (!desktopEntryOf(login).remoteDesktop) throw new AppError('DESKTOP_NOT_ALLOWED');
}
