import { z } from 'zod';
import { timestamp, uuid } from '../http/common-contract.js';

/** The portal's Remote Desktop (R14, R25-R28), as `GET /api/desktop` describes it and the pages drive it. */

/** The user's live desktop session. */
export const desktopSession = z.object({
  id: uuid,
  state: z.enum(['starting', 'running']),
  /** A connection (this browser or another client) is open now. */
  connected: z.boolean(),
  startedAt: timestamp,
  disconnectedSince: timestamp.nullable(),
  /** When a session left disconnected will be ended unless resumed (R26). */
  endsAt: timestamp.nullable(),
  host: z.string(),
});
export type DesktopSession = z.output<typeof desktopSession>;

const seconds = z.number().int().positive();

/** Why a desktop session ended, as the platform records it. */
export const DESKTOP_END_REASONS = [
  /** Logged out inside the desktop, or ended from the portal. */
  'logout',
  /** Left disconnected longer than the limit (R26). */
  'disconnected-limit',
  /** Its session host stopped answering. */
  'lost',
  /** Its session host was taken out of service. */
  'host-removed',
  /** It never started. */
  'failed',
  /** Ended by support or an operator. */
  'operator',
] as const;
export type DesktopEndReason = (typeof DESKTOP_END_REASONS)[number];

/** The user's most recent session, once ended; a reason this version does not know reads as `other`. */
export const endedSession = z.object({
  endedAt: timestamp,
  reason: z.enum(DESKTOP_END_REASONS).or(z.string().transform(() => 'other' as const)),
});

export const desktopStatus = z.object({
  /** A session host is up. */
  available: z.boolean(),
  /** The terms in force were accepted before this login (R10, R14). */
  allowed: z.boolean(),
  session: desktopSession.nullable(),
  /** The last session that ended, so that a page can say why; null while one runs, or if none ever did. */
  lastEnded: endedSession.nullable(),
  /** R25, R26. */
  limits: z.object({ idleSeconds: seconds, disconnectedSeconds: seconds }),
  /** Text may be pasted into the desktop, up to this size; null: not at all. */
  pasteIn: z.object({ maxBytes: z.number().int().positive() }).nullable(),
  /** A single-use RDP file can be had for the session (R15), valid this long after its download. */
  rdpFile: z.object({ validSeconds: seconds }).nullable(),
});
export type DesktopStatus = z.output<typeof desktopStatus>;

/** The desktop routes that change something take no fields. */
export const noFields = z.strictObject({});

/**
 * Opening the desktop (in the browser or by an RDP file): in the language chosen in the portal, which a new
 * session's welcome window, menus, programs and keyboard follow. Without it, the browser's language.
 */
export const desktopOpenRequest = z.strictObject({ language: z.enum(['sv', 'en']).optional() });

/** The browser viewer's way in: a single-use ticket, and the gateway's path on this origin that carries it. */
export const desktopOpened = z.object({
  sessionId: uuid,
  ticket: z.string(),
  // Only a path on this origin: the page never connects anywhere the server could not vouch for.
  websocketPath: z.string().regex(/^\/(?!\/)/),
});

export const KEYBOARD_LAYOUTS = ['se', 'us'] as const;
export type KeyboardLayout = (typeof KEYBOARD_LAYOUTS)[number];

export const keyboardChange = z.strictObject({ layout: z.enum(KEYBOARD_LAYOUTS) });
