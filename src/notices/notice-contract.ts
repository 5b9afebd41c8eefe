import { z } from 'zod';
import { timestamp, uuid } from '../http/common-contract.js';

/** The operator's current notices and planned closures (R18, R33), in both languages. */
export const notice = z.object({
  id: uuid,
  en: z.string(),
  sv: z.string(),
  shownFrom: timestamp,
  shownUntil: timestamp,
  /** A planned closure (R33): nobody can log in between these times. */
  closure: z.object({ from: timestamp, until: timestamp }).nullable(),
});
export type Notice = z.output<typeof notice>;

export const notices = z.object({ notices: z.array(notice) });
