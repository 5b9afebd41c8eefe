import { z } from 'zod';
import type { DesktopSpec } from './desktop-spec.js';

const unixName = z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/);
const id = z
  .number()
  .int()
  .min(1000)
  .max(2 ** 31 - 2);
const absolutePath = z
  .string()
  .min(2)
  .max(4096)
  .refine((path) => path.startsWith('/') && !path.split('/').includes('..'), 'an absolute path without ..');

/** What the agent accepts from the platform: checked, because the agent acts on it as root. */
export const desktopSpecSchema = z.strictObject({
  sessionId: z.uuid(),
  unixUser: unixName,
  uid: id,
  gid: id,
  groups: z.array(z.strictObject({ name: unixName, gid: id })).max(200),
  myDocuments: absolutePath,
  projects: z
    .array(
      z.strictObject({
        id: z.string().regex(/^P[0-9]{4,6}$/),
        name: z.string().min(1).max(200),
        folder: absolutePath,
      }),
    )
    .max(200),
  software: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
        name: z.string().min(1).max(200),
        command: z.array(z.string().min(1).max(4096)).min(1).max(64),
        seats: z.number().int().min(0).nullable(),
      }),
    )
    .max(500),
  notices: z
    .array(
      z.strictObject({
        text: z.string().min(1).max(2000),
        closedFrom: z.iso.datetime({ offset: true }).nullable(),
        closedUntil: z.iso.datetime({ offset: true }).nullable(),
      }),
    )
    .max(50),
  language: z.enum(['sv', 'en']),
  keyboard: z.enum(['se', 'us']),
  vncPassword: z.string().regex(/^[\x21-\x7e]{8}$/),
  pasteIn: z.boolean(),
  geometry: z.strictObject({
    width: z.number().int().min(640).max(7680),
    height: z.number().int().min(480).max(4320),
  }),
}) satisfies z.ZodType<DesktopSpec>;
