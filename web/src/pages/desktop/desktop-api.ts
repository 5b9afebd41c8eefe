import {
  ApiError,
  getJson,
  isRecord,
  isString,
  type Parse,
  postForFile,
  postJson,
} from '../../api/client.js';

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
  /** A single-use RDP file can be had for the session (R15), valid this long after its download. */
  rdpFile: { validSeconds: number } | null;
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
  const { available, allowed, rdpFile } = body;
  const { idleSeconds, disconnectedSeconds } = body.limits;
  const session = parseSession(body.session);
  if (typeof available !== 'boolean' || typeof allowed !== 'boolean' || session === undefined)
    return undefined;
  const rdpSeconds = isRecord(rdpFile) ? rdpFile.validSeconds : null;
  if (rdpFile !== null && !isPositive(rdpSeconds)) return undefined;
  if (!isPositive(idleSeconds) || !isPositive(disconnectedSeconds)) return undefined;
  return {
    available,
    allowed,
    session,
    limits: { idleSeconds, disconnectedSeconds },
    rdpFile: isPositive(rdpSeconds) ? { validSeconds: rdpSeconds } : null,
  };
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

/**
 * Starts or resumes the session and saves a single-use, signed RDP file for it (launch<8 hex>.rdp),
 * which works once, from this network address, for a short while.
 */
export async function downloadRdpFile(): Promise<string> {
  const file = await postForFile('/api/desktop/rdp', {});
  const url = URL.createObjectURL(file.blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next turn; the secrets need not stay in the page.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  return file.name;
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
