import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../desktop/agent-client.js';
import { type RunningAgent, startHostAgent } from './host-agent.js';

/** The platform's host API as the agent sees it: each call recorded, answered by `answer`. */
class FakePlatform {
  calls: { path: string; body: Record<string, unknown>; host: unknown }[] = [];
  answer: (path: string) => { status: number; body: unknown } = () => ({ status: 200, body: { stop: [] } });
  private readonly server: Server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    const path = request.url ?? '';
    this.calls.push({ path, body: JSON.parse(text), host: request.headers['x-mona-host'] });
    const { status, body } = this.answer(path);
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  url = '';

  async listen(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  close(): void {
    this.server.close();
  }

  async nextCall(after: number): Promise<{ path: string; body: Record<string, unknown>; host: unknown }> {
    for (let waited = 0; waited < 5_000; waited += 10) {
      const call = this.calls[after];
      if (call) return call;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the agent made no further call');
  }
}

let dir: string;
let platform: FakePlatform;
let agent: RunningAgent;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mona-host-agent-'));
  platform = new FakePlatform();
  await platform.listen();
  agent = await startHostAgent({
    name: 'sh-test',
    platformUrl: platform.url,
    secret: 'mh_the-host-secret',
    listenHost: '127.0.0.1',
    listenPort: 0,
    advertiseUrl: null,
    capacity: 3,
    heartbeatSeconds: 0.05,
    rdp: null,
    tls: null,
    runtimeRoot: join(dir, 'runtime'),
    assetsDir: dir,
    limits: { cpus: null, memoryBytes: null },
    openGl: false,
    logger: pino({ level: 'silent' }),
  });
});

afterAll(async () => {
  await agent?.stop();
  platform?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the host agent (no desktops)', () => {
  it('registers with where it listens and its token, then reports', async () => {
    const register = await platform.nextCall(0);
    expect(register).toMatchObject({
      path: '/api/hosts/register',
      host: 'sh-test',
      body: { agentUrl: agent.url, capacity: 3, sessions: [], rdpPort: null },
    });
    expect(agent.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await platform.nextCall(1)).path).toBe('/api/hosts/report');

    // Its API answers the platform that holds the token, for sessions it does not have too.
    const token = register.body.agentToken as string;
    await new AgentClient({ url: agent.url, token }).endSession('6f1c2a3b-0000-4000-8000-000000000001');
    await expect(
      new AgentClient({ url: agent.url, token: 'not-the-token' }).endSession(
        '6f1c2a3b-0000-4000-8000-000000000001',
      ),
    ).rejects.toThrow(/401/);
  });

  it('registers again when the platform answers that another agent took the name', async () => {
    platform.answer = (path) =>
      path === '/api/hosts/report'
        ? { status: 409, body: { error: { code: 'HOST_REGISTRATION_STALE' } } }
        : { status: 200, body: { stop: [] } };
    const from = platform.calls.length;
    const paths: string[] = [];
    while (!paths.includes('/api/hosts/register'))
      paths.push((await platform.nextCall(from + paths.length)).path);
    expect(paths.slice(0, -1)).toContain('/api/hosts/report');
    platform.answer = () => ({ status: 200, body: { stop: [] } });
  });

  it('reports no more once stopped', async () => {
    await agent.stop();
    const made = platform.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(platform.calls.length).toBe(made);
  });
});
