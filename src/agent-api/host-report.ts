import { z } from 'zod';
import { databaseId } from './fields.js';

/** `POST` to these: an agent's first call after it starts, then its periodic report. */
export const HOST_REPORT_PATH = { register: '/api/hosts/register', report: '/api/hosts/report' } as const;
export type HostReportKind = keyof typeof HOST_REPORT_PATH;

/** What an agent tells the platform when it registers, and then every few seconds. */
export const hostReportSchema = z.strictObject({
  /** Where the platform reaches the agent, and the token it must show there. */
  agentUrl: z
    .string()
    .min(8)
    .max(2000)
    .regex(/^https?:\/\//),
  agentToken: z.string().min(32).max(200),
  capacity: z.number().int().min(0).max(10_000),
  /** The sessions running or starting on this host now. */
  sessions: z.array(databaseId).max(10_000),
  /** Where RD gateway tunnels reach this host's xrdp; null when it runs none. Agents from before RDP files send none. */
  rdpPort: z.number().int().min(1).max(65535).nullable().optional(),
});
export type HostReport = z.infer<typeof hostReportSchema>;

/** The platform's answer: sessions it has ended (or never knew), which the host must stop. */
export const hostReportAnswerSchema = z.object({ stop: z.array(databaseId) });
export type HostReportAnswer = z.infer<typeof hostReportAnswerSchema>;
