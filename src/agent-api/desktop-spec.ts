import { z } from 'zod';
import { PROJECT_ID, USERNAME } from '../ids.js';
import { keyboardLayout, unixName } from './fields.js';

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

const desktopProject = z.strictObject({
  id: z.string().regex(PROJECT_ID),
  name: z.string().min(1).max(200),
  /** The project's folder in the vault, holding `<ID>_Data` and `<ID>_Gem`. */
  folder: absolutePath,
});

const desktopSoftware = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  name: z.string().min(1).max(200),
  /** argv of the program, started through the licence wrapper when `seats` is set. */
  command: z.array(z.string().min(1).max(4096)).min(1).max(64),
  /** Licence seats across the platform; null: unlimited. */
  seats: z.number().int().min(0).nullable(),
});

const desktopNotice = z.strictObject({
  text: z.string().min(1).max(2000),
  /** A planned closure, in ISO 8601, or null for a plain message. */
  closedFrom: z.iso.datetime({ offset: true }).nullable(),
  closedUntil: z.iso.datetime({ offset: true }).nullable(),
});

/**
 * What the platform tells a session host about one desktop session (`POST /sessions` of the agent): everything
 * the host needs to build the user's desktop, and nothing it could look up elsewhere. Checked by the agent,
 * because it acts on it as root.
 */
export const desktopSpecSchema = z.strictObject({
  sessionId: z.uuid(),
  /** The user's login name ("anna.berg"): their name inside the desktop (session-identity.ts). */
  username: z.string().regex(USERNAME),
  /** The Unix account the desktop runs as on the host ("m-anna_berg"), with the ids the platform allocated. */
  unixUser: unixName,
  uid: id,
  gid: id,
  /** Supplementary groups: one per project the user is a member of ("mona-p0001"). */
  groups: z.array(z.strictObject({ name: unixName, gid: id })).max(200),
  /** The user's My Documents (also the account's home directory), with InBox inside. */
  myDocuments: absolutePath,
  /** The vault's projects folder: the desktop sees it as /projects, and so each project the user is in. */
  projectsRoot: absolutePath,
  /** The user's projects: a `<ID>_Name` shortcut to each goes into My Documents (R21). */
  projects: z.array(desktopProject).max(200),
  /** The start menu's programs beyond the basic ones (R19). */
  software: z.array(desktopSoftware).max(500),
  /** Shown in the welcome window at desktop login (R18). */
  notices: z.array(desktopNotice).max(50),
  language: z.enum(['sv', 'en']),
  /** The keyboard layout of the X server. */
  keyboard: keyboardLayout,
  /** The VNC password the gateway will use; 8 printable ASCII characters (VNC authentication uses 8). */
  vncPassword: z.string().regex(/^[\x21-\x7e]{8}$/),
  /** Whether the user may paste text into the desktop (the gateway caps and audits it). */
  pasteIn: z.boolean(),
  geometry: z.strictObject({
    width: z.number().int().min(640).max(7680),
    height: z.number().int().min(480).max(4320),
  }),
});

export type DesktopSpec = z.infer<typeof desktopSpecSchema>;
export type DesktopProject = z.infer<typeof desktopProject>;
export type DesktopSoftware = z.infer<typeof desktopSoftware>;
