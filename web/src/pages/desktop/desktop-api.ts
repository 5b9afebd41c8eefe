import { ApiError, getJson, isRecord, isString, type Parse, postJson } from '../../api/client.js';

/** The user's desktop session, as `GET /api/desktop` describes it. */
export interface DesktopSession {
  state: 'starting' | 'running';
  /** A connection (this browser or another client) is open now. */
  connected: boolean;
  disconnectedSince: string | null;
  /** When a disconnected session will be ended unless resumed. */
  endsAt: string | null;
}

/** The body of `GET /api/desktop`. */
export interface DesktopStatus {
  /** A session host is up. */
  available: boolean;
  /** The terms in force were accepted before this login (R10, R14). */
  allowed: boolean;
  session: DesktopSession | null;
  /** R25, R26, in seconds. */
  limits: { idleSeconds: number; disconnectedSeconds: number };
}

export type KeyboardLayout = 'se' | 'us';

const isOptionalString = (value: unknown): value is string | null => value === null || isString(value);
const isPositive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

function parseSession(value: unknown): DesktopSession | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const { state, connected, disconnectedSince, endsAt } = value;
  if (state !== 'starting' && state !== 'running') return undefined;
  if (typeof connected !== 'boolean' || !isOptionalString(disconnectedSince) || !isOptionalString(endsAt))
    return undefined;
  return { state, connected, disconnectedSince, endsAt };
}

export function parseDesktopStatus(body: unknown): DesktopStatus | undefined {
  if (!isRecord(body) || !isRecord(body.limits)) return undefined;
  const { available, allowed } = body;
  const { idleSeconds, disconnectedSeconds } = body.limits;
  const session = parseSession(body.session);
  if (typeof available !== 'boolean' || typeof allowed !== 'boolean' || session === undefined)
    return undefined;
  if (!isPositive(idleSeconds) || !isPositive(disconnectedSeconds)) return undefined;
  return { available, allowed, session, limits: { idleSeconds, disconnectedSeconds } };
}

/** Polled by the pages: looking does not keep the portal session alive. */
export function fetchDesktopStatus(): Promise<DesktopStatus> {
  return getJson('/api/desktop', parseDesktopStatus, { passive: true });
}

// Only a path on this origin: the page never connects anywhere the server could not vouch for.
export const parseOpened: Parse<string> = (body) =>
  isRecord(body) && isString(body.websocketPath) && /^\/(?!\/)/.test(body.websocketPath)
    ? body.websocketPath
    : undefined;

/** Starts the desktop or resumes it; the answer's path carries a single-use ticket for one connection. */
export function openDesktop(): Promise<string> {
  return postJson('/api/desktop/open', {}, parseOpened);
}

// The answers below are 204 No Content.
const noContent: Parse<true> = () => true;

export async function setKeyboardLayout(layout: KeyboardLayout): Promise<void> {
  await postJson('/api/desktop/keyboard', { layout }, noContent);
}

/** Logs the desktop out: its programs are closed. */
export async function endDesktop(): Promise<void> {
  await postJson('/api/desktop/end', {}, noContent);
}

/** The gateway's WebSocket address for a path on this origin, secure when the page is. */
export function websocketUrl(path: string, page: Pick<Location, 'protocol' | 'host'>): string {
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${path}`;
}

/** An answer that may differ if asked again: no answer at all, or the server's own trouble (no host, start failed). */
export function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || (error.status !== undefined && error.status >= 500);
}

/** A limit in the largest unit that says it exactly: "16 hours", "30 minutes", "15 seconds". */
export function durationText(
  seconds: number,
  units: { hours(n: number): string; minutes(n: number): string; seconds(n: number): string },
): string {
  if (seconds % 3600 === 0) return units.hours(seconds / 3600);
  if (seconds % 60 === 0) return units.minutes(seconds / 60);
  return units.seconds(seconds);
}
