import { newToken, tokenDigest } from '../identity/tokens.js';
import type { DesktopDeps } from './desktop-deps.js';
import { runningSession } from './desktop-session-repository.js';
import { ensureSession, type OpenRequest } from './session-lifecycle.js';
import { insertTicket, spendTicket } from './ticket-repository.js';

/**
 * Opening the desktop (R25): the user's live session wherever it runs, otherwise a new one on the least
 * loaded host. Answers a single-use ticket for one connection to it.
 */
export async function openDesktop(deps: DesktopDeps, request: OpenRequest) {
  const session = await ensureSession(deps, request);
  const ticket = await issueTicket(deps, session.id, request.userId, request.ip);
  return { sessionId: session.id, ticket };
}

async function issueTicket(
  deps: DesktopDeps,
  sessionId: string,
  userId: string,
  ip: string,
): Promise<string> {
  const token = newToken();
  await insertTicket(deps.db, {
    tokenSha256: tokenDigest(token),
    sessionId,
    userId,
    clientIp: ip,
    expiresAt: new Date(deps.now().getTime() + deps.settings.ticketSeconds * 1000),
  });
  return token;
}

export type TicketRefusal = 'unknown-or-used' | 'expired' | 'other-user' | 'other-address' | 'session-ended';

/**
 * Uses a ticket up, whatever comes next: a ticket seen once is gone, so a replayed or stolen one never opens
 * anything. Then it must be in time, the presenter's, from the address it was issued to, for a live session.
 */
export async function consumeTicket(
  deps: Pick<DesktopDeps, 'db' | 'now'>,
  token: string,
  presenter: { userId: string; ip: string },
) {
  const now = deps.now();
  const ticket = await spendTicket(deps.db, tokenDigest(token), presenter.ip, now);
  const refuse = (reason: TicketRefusal) => ({ ok: false as const, reason, sessionId: ticket?.session_id });
  if (!ticket) return refuse('unknown-or-used');
  if (ticket.expires_at <= now) return refuse('expired');
  if (ticket.user_id !== presenter.userId) return refuse('other-user');
  if (!ticket.same_ip) return refuse('other-address');
  const session = await runningSession(deps.db, ticket.session_id);
  if (!session) return refuse('session-ended');
  return { ok: true as const, session };
}
