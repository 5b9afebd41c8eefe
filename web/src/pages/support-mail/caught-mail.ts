import type { z } from 'zod';
import { type CaughtMessage, caughtMail } from '../../../../src/support/support-contract.js';
import { getJson } from '../../api/client.js';
import { newestFirst } from '../../uploads/uploads.js';

export type MailMessage = CaughtMessage;
export type CaughtMail = z.output<typeof caughtMail>;

/** The mail the built-in catcher holds, newest first whatever order the server keeps. */
export async function fetchCaughtMail(): Promise<CaughtMail> {
  const mail = await getJson('/api/support/mail', caughtMail);
  return { ...mail, messages: newestFirst(mail.messages) };
}
