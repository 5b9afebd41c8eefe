import { z } from 'zod';
import { timestamp } from '../http/common-contract.js';

/** The portal session (R29, R30) as the web app sees it. */

export const STAFF_ROLES = ['support', 'reviewer', 'operator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);
const seconds = z.number().int().positive();

/** `GET /api/session` and `POST /api/session/extend`. */
export const sessionInfo = z.object({
  user: z.object({
    username: z.string(),
    fullName: z.string(),
    // A role this version does not know grants nothing here.
    roles: z.array(z.string()).transform((roles) => roles.filter(isStaffRole)),
  }),
  session: z.object({
    startedAt: timestamp,
    expiresAt: timestamp,
    now: timestamp,
    idleSeconds: seconds,
    warningSeconds: seconds,
  }),
  portal: z.object({ remoteDesktop: z.boolean(), termsAccepted: z.boolean() }),
});
export type SessionInfo = z.output<typeof sessionInfo>;

export const loggedOut = z.object({ loggedOut: z.literal(true) });
