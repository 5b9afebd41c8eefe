import { z } from 'zod';
import { timestamp, uuid } from '../../http/common-contract.js';

/** BankID logins of accounts not linked to that identity, waiting for support (R9). */

export const LINK_REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;

export const linkRequestFilter = z.strictObject({ state: z.enum(['pending', 'all']).default('pending') });
export type LinkRequestFilter = z.output<typeof linkRequestFilter>['state'];

export const linkRequest = z.object({
  id: uuid,
  username: z.string(),
  accountExists: z.boolean(),
  /** `invited`, `active`, `suspended`, …; null when there is no such account. */
  accountState: z.string().nullable(),
  /** `YYYYMMDD-****`: the full number is never sent. */
  pinMasked: z.string(),
  /** The name BankID gave. */
  name: z.string(),
  ip: z.string(),
  country: z.string().nullable(),
  requestedAt: timestamp,
  state: z.enum(LINK_REQUEST_STATES),
});
export type LinkRequest = z.output<typeof linkRequest>;

export const linkRequests = z.object({ requests: z.array(linkRequest) });

/** The account is linked; `mailed` says whether its holder was told by mail. */
export const linkApproved = z.object({
  approved: z.literal(true),
  username: z.string(),
  mailed: z.boolean(),
});
export const linkRejected = z.object({ rejected: z.literal(true) });
