import {
  type DesktopSession,
  type DesktopStatus,
  desktopOpened,
  desktopStatus,
  type KeyboardLayout,
} from '../../../../src/desktop/desktop-contract.js';
import { noContent } from '../../../../src/http/common-contract.js';
import { ApiError, getJson, postForFile, postJson } from '../../api/client.js';
import type { Language } from '../../i18n/language.js';

export type { DesktopSession, DesktopStatus, KeyboardLayout };

/** Polled by the pages: looking does not keep the portal session alive. */
export function fetchDesktopStatus(): Promise<DesktopStatus> {
  return getJson('/api/desktop', desktopStatus, { passive: true });
}

/** Starts the desktop (in the portal's language) or resumes it; the answer's path carries a single-use ticket for one connection. */
export async function openDesktop(language: Language): Promise<string> {
  return (await postJson('/api/desktop/open', { language }, desktopOpened)).websocketPath;
}

/**
 * Starts or resumes the session and saves a single-use, signed RDP file for it (launch<8 hex>.rdp),
 * which works once, from this network address, for a short while.
 */
export async function downloadRdpFile(language: Language): Promise<string> {
  const file = await postForFile('/api/desktop/rdp', { language });
  const url = URL.createObjectURL(file.blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next turn; the secrets need not stay in the page.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  return file.name;
}

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
