import { z } from 'zod';
import { timestamp } from '../http/common-contract.js';

/** Mail caught by the built-in SMTP catcher of `mona start`, for support to read (a test installation's inbox). */
export const caughtMessage = z.object({
  id: z.string(),
  receivedAt: timestamp,
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
});
export type CaughtMessage = z.output<typeof caughtMessage>;

export const caughtMail = z.object({ catcherRunning: z.boolean(), messages: z.array(caughtMessage) });
