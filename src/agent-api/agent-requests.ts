import { z } from 'zod';
import { desktopSpecSchema } from './desktop-spec.js';
import { keyboardLayout } from './fields.js';
import { type RelayKind, relayKindSchema } from './relay.js';

/**
 * The agent's HTTP API, for the platform only, each request with the token the agent registered with:
 * `POST /sessions` (a desktop spec; answered 201 with its display), `DELETE /sessions/<id>`,
 * `POST /sessions/<id>/keyboard`, `PUT /sessions/<id>/projects`, and the relays (relay.ts).
 */
export const AGENT_SESSIONS_PATH = '/sessions';

export type SessionResource = 'keyboard' | 'projects' | RelayKind;

const SESSION_PATH = new RegExp(
  `^/sessions/([0-9a-f-]{36})(?:/(keyboard|projects|${relayKindSchema.options.join('|')}))?$`,
);

export function agentSessionPath(sessionId: string, what?: SessionResource): string {
  const session = `${AGENT_SESSIONS_PATH}/${encodeURIComponent(sessionId)}`;
  return what ? `${session}/${what}` : session;
}

/** The session and what of it a request's path names, or null for any other path. */
export function parseAgentSessionPath(
  path: string,
): { sessionId: string; what: SessionResource | undefined } | null {
  const match = SESSION_PATH.exec(path);
  if (!match) return null;
  return { sessionId: match[1] as string, what: match[2] as SessionResource | undefined };
}

export interface StartAnswer {
  display: number;
}

export const keyboardRequestSchema = z.strictObject({ layout: keyboardLayout });

/** The user's projects now, and where all projects' folders are, so that those of others can be closed. */
export const projectsChangeSchema = z.strictObject({
  myDocuments: desktopSpecSchema.shape.myDocuments,
  projectsRoot: desktopSpecSchema.shape.projectsRoot,
  projects: desktopSpecSchema.shape.projects,
});
export type ProjectsChange = z.infer<typeof projectsChangeSchema>;
