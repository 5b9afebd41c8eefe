import { getJson, isRecord, isString } from '../../api/client.js';

export interface MailMessage {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface CaughtMail {
  catcherRunning: boolean;
  /** Newest first. */
  messages: MailMessage[];
}

function parseMessage(value: unknown): MailMessage | undefined {
  if (!isRecord(value)) return undefined;
  const { id, receivedAt, from, to, subject, text } = value;
  if (!isString(id) || !isString(receivedAt) || !isString(from) || !isString(subject) || !isString(text)) {
    return undefined;
  }
  if (!Array.isArray(to) || !to.every(isString)) return undefined;
  return { id, receivedAt, from, to, subject, text };
}

export function parseCaughtMail(body: unknown): CaughtMail | undefined {
  if (!isRecord(body) || typeof body.catcherRunning !== 'boolean' || !Array.isArray(body.messages)) {
    return undefined;
  }
  const messages = body.messages.map(parseMessage);
  if (!messages.every((message) => message !== undefined)) return undefined;
  // ISO times in UTC sort as text; sorting here keeps "newest first" whatever order the server keeps.
  messages.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  return { catcherRunning: body.catcherRunning, messages };
}

export function fetchCaughtMail(): Promise<CaughtMail> {
  return getJson('/api/support/mail', parseCaughtMail);
}
