import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../test/certificates.js';
import { createAgentServer } from '../host-agent/agent-server.js';
import { AgentClient, AgentError } from './agent-client.js';

const TOKEN = 'the-token-this-agent-gave-the-platform-0123456789';
const ended: string[] = [];
const SESSION = '6f1c2a3b-0000-4000-8000-000000000001';

let dir: string;
let server: Server;
let url: string;
let tls: { cert: Buffer; key: Buffer };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mona-agent-tls-'));
  tls = selfSignedCertificate(dir, 'session-host');
  server = createAgentServer(
    TOKEN,
    {
      start: async () => ({ display: 20 }),
      end: async (sessionId) => {
        ended.push(sessionId);
      },
      setKeyboard: async () => true,
      setProjects: async () => true,
      relayTarget: () => null,
    },
    () => {},
    tls,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an agent served over https', () => {
  it('is reached by a platform that trusts its certificate', async () => {
    await new AgentClient({ url, token: TOKEN }, { ca: tls.cert }).endSession(SESSION);
    expect(ended).toEqual([SESSION]);
  });

  it('is refused when its certificate is not trusted, and the token never leaves', async () => {
    const call = new AgentClient({ url, token: TOKEN }).endSession(SESSION);
    await expect(call).rejects.toThrow(AgentError);
    await expect(call).rejects.toThrow(/self-signed certificate/);
    expect(ended).toEqual([SESSION]);
  });

  it('refuses a platform without its token', async () => {
    const call = new AgentClient({ url, token: 'x'.repeat(48) }, { ca: tls.cert }).endSession(SESSION);
    await expect(call).rejects.toThrow(/answered 401/);
  });
});
