import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { AGENT_SESSIONS_PATH, agentSessionPath, type ProjectsChange } from '../agent-api/agent-requests.js';
import type { DesktopSpec } from '../agent-api/desktop-spec.js';
import { RELAY_PROTOCOL, type RelayKind } from '../agent-api/relay.js';

export class AgentError extends Error {
  override name = 'AgentError';
}

export interface AgentEndpoint {
  url: string;
  token: string;
}

export interface AgentClientOptions {
  /** Certificates to trust for agents served over https, besides the system's. */
  ca?: Buffer | null;
  timeoutMs?: number;
}

/** The platform's side of a session host's agent: every call authenticated and bounded in time. */
export class AgentClient {
  private readonly timeoutMs: number;

  constructor(
    private readonly endpoint: AgentEndpoint,
    private readonly options: AgentClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  /** http or https, with the trusted certificates for the latter. */
  private send(url: URL, options: RequestOptions) {
    if (url.protocol !== 'https:') return httpRequest(url, options);
    return httpsRequest(url, { ...options, ...(this.options.ca ? { ca: this.options.ca } : {}) });
  }

  startSession(spec: DesktopSpec): Promise<unknown> {
    return this.call('POST', AGENT_SESSIONS_PATH, spec);
  }

  async endSession(sessionId: string): Promise<void> {
    await this.call('DELETE', agentSessionPath(sessionId));
  }

  async setKeyboard(sessionId: string, layout: 'se' | 'us'): Promise<void> {
    await this.call('POST', agentSessionPath(sessionId, 'keyboard'), { layout });
  }

  async setProjects(sessionId: string, change: ProjectsChange): Promise<void> {
    await this.call('PUT', agentSessionPath(sessionId, 'projects'), change);
  }

  /** A raw byte stream to the session's VNC server, or to the host's RDP server, relayed by the agent. */
  openRelay(sessionId: string, kind: RelayKind): Promise<Socket> {
    const url = new URL(agentSessionPath(sessionId, kind).slice(1), withSlash(this.endpoint.url));
    return new Promise((resolve, reject) => {
      const req = this.send(url, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${this.endpoint.token}`,
          connection: 'Upgrade',
          upgrade: RELAY_PROTOCOL[kind],
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

  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    const url = new URL(path.slice(1), withSlash(this.endpoint.url));
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = this.send(url, {
        method,
        headers: {
          authorization: `Bearer ${this.endpoint.token}`,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        timeout: this.timeoutMs,
      });
      req.on('response', async (response) => {
        let text = '';
        for await (const chunk of response) text += chunk;
        if ((response.statusCode ?? 500) >= 300) {
          reject(
            new AgentError(
              `the agent answered ${response.statusCode} to ${method} ${path}: ${text.slice(0, 200)}`,
            ),
          );
          return;
        }
        try {
          resolve(text ? JSON.parse(text) : null);
        } catch {
          reject(new AgentError(`the agent's answer to ${method} ${path} is not JSON`));
        }
      });
      req.on('timeout', () => req.destroy(new AgentError('the agent did not answer in time')));
      req.on('error', (error) =>
        reject(
          error instanceof AgentError
            ? error
            : new AgentError(`the agent at ${url.origin} cannot be reached: ${error.message}`),
        ),
      );
      req.end(payload);
    });
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
