import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import {
  AGENT_SESSIONS_PATH,
  keyboardRequestSchema,
  type ProjectsChange,
  parseAgentSessionPath,
  projectsChangeSchema,
  type StartAnswer,
} from '../agent-api/agent-requests.js';
import { type DesktopSpec, desktopSpecSchema } from '../agent-api/desktop-spec.js';
import { RELAY_PROTOCOL, type RelayKind, relayKindSchema } from '../agent-api/relay.js';
import { readJsonBody, sendJson } from './json-http.js';

/** What the platform may ask of a host's agent. */
export interface AgentActions {
  start(spec: DesktopSpec): Promise<StartAnswer>;
  end(sessionId: string): Promise<void>;
  setKeyboard(sessionId: string, layout: 'se' | 'us'): Promise<boolean>;
  setProjects(sessionId: string, change: ProjectsChange): Promise<boolean>;
  /**
   * Where a relay of that kind to a running session goes: its VNC socket, or the host's RDP server (for
   * RD gateway tunnels); null when the session does not run here.
   */
  relayTarget(sessionId: string, kind: RelayKind): { path: string } | { host: string; port: number } | null;
}

const MAX_BODY = 256 * 1024;

/**
 * The agent's HTTP API, for the platform only: every request must carry the token this agent gave the
 * platform when it registered. Besides JSON calls it relays byte streams: the browser viewer's to a session's
 * VNC socket, and RD gateway tunnels to the host's RDP server.
 */
export function createAgentServer(
  token: string,
  actions: AgentActions,
  onError: (error: unknown) => void,
  tls: { cert: Buffer; key: Buffer } | null = null,
) {
  const authorised = (request: IncomingMessage) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    if (!authorised(request)) return sendJson(response, 401, { message: 'not authorised' });
    route(request, response, actions).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) sendJson(response, 500, { message: (error as Error).message });
    });
  };
  const server: Server = tls ? createHttpsServer(tls, handle) : createServer(handle);

  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    const path = parseAgentSessionPath(request.url ?? '');
    const kind = relayKindSchema.safeParse(path?.what);
    const protocol = kind.success ? RELAY_PROTOCOL[kind.data] : null;
    const target = path && kind.success ? actions.relayTarget(path.sessionId, kind.data) : null;
    if (!authorised(request) || request.headers.upgrade !== protocol || !target) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = 'path' in target ? connect(target.path) : connect(target.port, target.host);
    upstream.once('connect', () => {
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ${protocol}\r\n\r\n`);
      socket.pipe(upstream).pipe(socket);
    });
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.once('error', close);
    upstream.once('close', close);
    socket.once('error', close);
    socket.once('close', close);
  });
  return server;
}

async function route(request: IncomingMessage, response: ServerResponse, actions: AgentActions) {
  if (request.method === 'POST' && request.url === AGENT_SESSIONS_PATH) {
    const spec = desktopSpecSchema.safeParse(await readJsonBody(request, MAX_BODY));
    if (!spec.success)
      return sendJson(response, 400, { message: `not a desktop spec: ${spec.error.message}` });
    return sendJson(response, 201, await actions.start(spec.data));
  }
  const path = parseAgentSessionPath(request.url ?? '');
  if (!path) return sendJson(response, 404, { message: 'no such path' });
  const { sessionId, what } = path;
  if (request.method === 'DELETE' && what === undefined) {
    await actions.end(sessionId);
    return sendJson(response, 204);
  }
  if (request.method === 'POST' && what === 'keyboard') {
    const body = keyboardRequestSchema.safeParse(await readJsonBody(request, MAX_BODY));
    if (!body.success) return sendJson(response, 400, { message: 'layout must be se or us' });
    return sendJson(response, (await actions.setKeyboard(sessionId, body.data.layout)) ? 204 : 404);
  }
  if (request.method === 'PUT' && what === 'projects') {
    const body = projectsChangeSchema.safeParse(await readJsonBody(request, MAX_BODY));
    if (!body.success) return sendJson(response, 400, { message: 'not a list of projects' });
    return sendJson(response, (await actions.setProjects(sessionId, body.data)) ? 204 : 404);
  }
  return sendJson(response, 405, { message: 'method not allowed' });
}
