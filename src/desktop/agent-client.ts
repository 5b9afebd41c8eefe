import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { ProjectsChange } from '../host-agent/agent-server.js';
import type { DesktopSpec } from '../host-agent/desktop-spec.js';

export class AgentError extends Error {
  override name = 'AgentError';
}

/** Upgrade protocol of the agent's relay to a session's VNC socket. */
export const VNC_RELAY_PROTOCOL = 'mona-vnc';

export interface AgentEndpoint {
  url: string;
  token: string;
}

/** The platform's side of a session host's agent: every call authenticated and bounded in time. */
export class AgentClient {
  constructor(
    private readonly endpoint: AgentEndpoint,
    private readonly timeoutMs = 20_000,
  ) {}

  startSession(spec: DesktopSpec): Promise<unknown> {
    return this.call('POST', '/sessions', spec);
  }

  async endSession(sessionId: string): Promise<void> {
    await this.call('DELETE', `/sessions/${encodeURIComponent(sessionId)}`);
  }

  async setKeyboard(sessionId: string, layout: 'se' | 'us'): Promise<void> {
    await this.call('POST', `/sessions/${encodeURIComponent(sessionId)}/keyboard`, { layout });
  }

  async setProjects(sessionId: string, change: ProjectsChange): Promise<void> {
    await this.call('PUT', `/sessions/${encodeURIComponent(sessionId)}/projects`, change);
  }

  /** A raw byte stream to the session's VNC server, relayed by the agent. */
  openVnc(sessionId: string): Promise<Socket> {
    const url = new URL(`sessions/${encodeURIComponent(sessionId)}/vnc`, withSlash(this.endpoint.url));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${this.endpoint.token}`,
          connection: 'Upgrade',
          upgrade: VNC_RELAY_PROTOCOL,
        },
        timeout: this.timeoutMs,
      });
      req.on('upgrade', (response, socket, head) => {
        if (response.statusCode !== 101) {
          socket.destroy();
          reject(new AgentError(`the agent refused the relay (${response.statusCode})`));
          return;
        }
        socket.setTimeout(0);
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      req.on('response', (response) => {
        response.resume();
        reject(new AgentError(`the agent refused the relay (${response.statusCode})`));
      });
      req.on('timeout', () => req.destroy(new AgentError('the agent did not answer in time')));
      req.on('error', (error) => reject(error instanceof AgentError ? error : new AgentError(error.message)));
      req.end();
    });
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const url = new URL(path.slice(1), withSlash(this.endpoint.url));
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.endpoint.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new AgentError(`the agent at ${url.origin} cannot be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      throw new AgentError(
        `the agent answered ${response.status} to ${method} ${path}: ${text.slice(0, 200)}`,
      );
    }
    return text ? JSON.parse(text) : null;
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
