import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PendingLogin } from './pending-logins.js';
import { acceptLogon, listenLogonSocket, type RdpHosting } from './rdp-service.js';

const SECRET = 'a1b2c3d4'.repeat(6);
const dir = mkdtempSync(join(tmpdir(), 'rdp-logon-'));
const socket = join(dir, 'logon.sock');
let server: Server;
let asked: string[] = [];
let expected: PendingLogin[] = [];
let platformAnswer: { sessionId: string; idleSeconds: number } | null = null;

const hosting: RdpHosting = {
  desktopOf: (sessionId) =>
    ({ s1: { unixUser: 'm-anna', vncSocket: '/run/s1.sock' }, s2: { unixUser: 'm-other', vncSocket: '' } })[
      sessionId
    ],
  logon: async (user) => {
    asked.push(user);
    return platformAnswer;
  },
  logger: pino({ level: 'silent' }),
};

/** What the PAM helper sends; answers the status. */
function logon(body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request({ socketPath: socket, method: 'POST', path: '/logon' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    call.on('error', reject);
    call.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  server = await listenLogonSocket(
    socket,
    acceptLogon(hosting, (login) => expected.push(login)),
  );
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  asked = [];
  expected = [];
});

describe("the agent's logon socket (PAM's helper asks it)", () => {
  it('lets one xrdp connection into the session the platform names, with its idle limit (R25)', async () => {
    platformAnswer = { sessionId: 's1', idleSeconds: 1800 };
    expect(await logon({ user: 'm-anna', secret: SECRET })).toBe(200);
    expect(asked).toEqual(['m-anna']);
    expect(expected).toEqual([
      { sessionId: 's1', secret8: 'a1b2c3d4', expiresAt: expect.any(Number), idleMs: 1_800_000 },
    ]);
  });

  it("refuses what the platform refuses, and a session that is another user's here", async () => {
    platformAnswer = null;
    expect(await logon({ user: 'm-anna', secret: SECRET })).toBe(403);
    platformAnswer = { sessionId: 's2', idleSeconds: 1800 };
    expect(await logon({ user: 'm-anna', secret: SECRET })).toBe(403);
    platformAnswer = { sessionId: 's9', idleSeconds: 1800 };
    expect(await logon({ user: 'm-anna', secret: SECRET })).toBe(403);
    expect(expected).toEqual([]);
  });

  it('refuses a malformed request without asking the platform', async () => {
    platformAnswer = { sessionId: 's1', idleSeconds: 1800 };
    expect(await logon({ user: 'm-anna', secret: 'short' })).toBe(403);
    expect(await logon({ user: 'root user', secret: SECRET })).toBe(403);
    expect(await logon(['m-anna', SECRET])).toBe(403);
    expect(asked).toEqual([]);
    expect(expected).toEqual([]);
  });
});
