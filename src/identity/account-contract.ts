import { z } from 'zod';
import { projectId, timestamp } from '../http/common-contract.js';
import { STAFF_ROLES } from './session-contract.js';

/** MONA web's "My account" (R31): who the user is, and ordering the account closed and deleted. */

export const LOGIN_METHODS = ['otp', 'bankid', 'none'] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];

export const accountProject = z.object({
  id: projectId,
  name: z.string(),
  role: z.enum(['member', 'principal']),
});
export type AccountProject = z.output<typeof accountProject>;

export const account = z.object({
  username: z.string(),
  fullName: z.string(),
  email: z.string(),
  loginMethod: z.enum(LOGIN_METHODS),
  roles: z.array(z.enum(STAFF_ROLES)),
  projects: z.array(accountProject),
  /** An order to close and delete the account that support has not yet handled. */
  deletionRequest: z.object({ requestedAt: timestamp, state: z.string() }).nullable(),
});
export type Account = z.output<typeof account>;

/** Longest reason the server accepts with an order to delete the account. */
export const MAX_DELETION_REASON_LENGTH = 2000;

export const deletionRequestBody = z.strictObject({
  confirm: z.literal(true),
  reason: z.string().max(MAX_DELETION_REASON_LENGTH).optional(),
});

/** When the order was received: the first one, if it is repeated. */
export const deletionRequested = z.object({ requestedAt: timestamp, alreadyRequested: z.boolean() });
