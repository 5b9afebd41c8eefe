import { chmod, chown, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CheckOutAnswer } from '../agent-api/host-requests.js';
import { readJsonBody, sendJson } from './json-http.js';

/** What a session's own programs may ask of the agent: the start menu's Log out, and licence seats. */
export interface SessionRequests {
  logout(): Promise<void>;
  checkOut(software: string): Promise<CheckOutAnswer>;
  giveBack(leaseId: string): Promise<void>;
}

const SOFTWARE_ID = /^[a-z][a-z0-9-]{0,31}$/;
const LEASE_ID = /^[0-9a-f-]{36}$/;
const MAX_BODY = 4096;

/**
 * Serves a session's control socket: a Unix socket owned by the session's user with mode 0600, so whoever
 * connects is that user, in that session. Nothing else on the host can speak for the session.
 */
export async function listenControlSocket(
  path: string,
  owner: { uid: number; gid: number },
  requests: SessionRequests,
): Promise<Server> {
  await rm(path, { force: true });
  const server = createServer((request, response) => {
    handle(request, response, requests).catch(() => sendJson(response, 500, { message: 'internal error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  await chown(path, owner.uid, owner.gid);
  await chmod(path, 0o600);
  return server;
}

async function handle(request: IncomingMessage, response: ServerResponse, requests: SessionRequests) {
  if (request.method !== 'POST') return sendJson(response, 405, { message: 'POST only' });
  const value = await readJsonBody(request, MAX_BODY);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return sendJson(response, 400, { message: 'the body must be a small JSON object' });
  const body = value as Record<string, unknown>;
  switch (request.url) {
    case '/logout':
      await requests.logout();
      return sendJson(response, 204);
    case '/licences/checkout': {
      if (typeof body.software !== 'string' || !SOFTWARE_ID.test(body.software))
        return sendJson(response, 400, { message: 'software: not a software id' });
      const answer = await requests.checkOut(body.software);
      return answer.leased
        ? sendJson(response, 200, { lease: answer.leaseId })
        : sendJson(response, 409, { message: answer.message });
    }
    case '/licences/return':
      if (typeof body.lease !== 'string' || !LEASE_ID.test(body.lease))
        return sendJson(response, 400, { message: 'lease: not a lease id' });
      await requests.giveBack(body.lease);
      return sendJson(response, 204);
    default:
      return sendJson(response, 404, { message: 'no such request' });
  }
}
