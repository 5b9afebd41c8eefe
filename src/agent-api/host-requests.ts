import { z } from 'zod';
import { databaseId, unixName } from './fields.js';

/**
 * What an agent asks of the platform besides its reports, all `POST`: an RDP file's logon (PAM asks, through
 * the agent), and on behalf of one of its sessions (whose control socket asked) Log out and licence seats.
 */
export const HOST_LOGON_PATH = '/api/hosts/logon';
export const HOST_SESSION_PATH = {
  logout: '/api/hosts/sessions/:id/logout',
  checkOut: '/api/hosts/sessions/:id/licences/checkout',
  giveBack: '/api/hosts/sessions/:id/licences/return',
} as const;

export function hostSessionPath(route: keyof typeof HOST_SESSION_PATH, session: string): string {
  return HOST_SESSION_PATH[route].replace(':id', encodeURIComponent(session));
}

export const hostSessionParamsSchema = z.object({ id: databaseId });

/** The logon secret travels as xrdp's token-login password: letters and digits only. */
export const logonRequestSchema = z.strictObject({
  unixUser: unixName,
  secret: z.string().regex(/^[0-9a-f]{48}$/),
});
export type LogonRequest = z.infer<typeof logonRequestSchema>;

/** The session the secret logs in to, and after how long without input the host closes the connection (R25). */
export const logonAnswerSchema = z.object({ sessionId: databaseId, idleSeconds: z.number().positive() });
export type LogonAnswer = z.infer<typeof logonAnswerSchema>;

export const checkOutRequestSchema = z.strictObject({ software: z.string().min(1).max(32) });
export type CheckOutRequest = z.infer<typeof checkOutRequestSchema>;

/** A refusal's message is for the user. */
export const checkOutAnswerSchema = z.discriminatedUnion('leased', [
  z.object({ leased: z.literal(true), leaseId: z.string() }),
  z.object({ leased: z.literal(false), message: z.string() }),
]);
export type CheckOutAnswer = z.infer<typeof checkOutAnswerSchema>;

export const giveBackRequestSchema = z.strictObject({ leaseId: databaseId });
export type GiveBackRequest = z.infer<typeof giveBackRequestSchema>;
