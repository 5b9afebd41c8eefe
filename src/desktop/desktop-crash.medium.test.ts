import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { eventually } from '../../test/eventually.js';
import { type MonaProcess, monaTestEnv, startMona } from '../../test/mona-process.js';
import { PortalClient } from '../../test/portal-client.js';
import { RecordingAgent } from '../../test/recording-agent.js';
import { runMona } from '../../test/run-mona.js';
import { createOtpUser, type TestUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { findFreePort } from '../net/ports.js';
import {
  generateSelfSignedSigner,
  generateSelfSignedTlsCertificate,
} from '../rd-gateway/rdp-file/signing-certificate.js';
import { consumeGatewayToken } from '../rd-gateway/rdp-grants.js';
import type { CrashPointName } from '../runtime/crash-points.js';
import { selfSignedFiles } from '../runtime/rdp.js';
import { runCommand, runningAsRoot } from '../storage/unix-accounts.js';
import { addHost } from './host-registry.js';

// A desktop start and an RDP file's grant cut off by a crash of `mona serve` (SIGKILL at the point), then
// the server started again without it. The session host is the real agent API with desktops recorded.

let testDb: TestDatabase;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let agent: RecordingAgent;
let hostSecret: string;
const running: MonaProcess[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  dataDir = mkdtempSync(join(tmpdir(), 'mona-crash-desktop-'));
  chmodSync(dataDir, 0o755);
  const gatewayTls = selfSignedFiles(dataDir, 'gateway', () => generateSelfSignedTlsCertificate('127.0.0.1'));
  const signing = selfSignedFiles(dataDir, 'signing', () => generateSelfSignedSigner('Crash Test Office'));
  env = {
    ...(await monaTestEnv(testDb.url, dataDir)),
    MONA_DESKTOP__RDP__GATEWAY_PORT: String(await findFreePort('127.0.0.1')),
    MONA_DESKTOP__RDP__GATEWAY_TLS__CERT_FILE: gatewayTls.certFile,
    MONA_DESKTOP__RDP__GATEWAY_TLS__KEY_FILE: gatewayTls.keyFile,
    MONA_DESKTOP__RDP__SIGNING__CERT_FILE: signing.certFile,
    MONA_DESKTOP__RDP__SIGNING__KEY_FILE: signing.keyFile,
  };
  agent = new RecordingAgent();
  await agent.listen();
  hostSecret = await addHost(testDb.db, 'crash-host', 5, SYSTEM_ACTOR);
});

afterEach(async () => {
  for (const process of running.splice(0)) await process.stop();
});

afterAll(async () => {
  agent?.close();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  // As root, the starts made real accounts on this host: leave none behind.
  if (runningAsRoot()) {
    for (const user of ['m-crash_desk', 'm-crash_rdp']) await runCommand('userdel', [user]).catch(() => {});
  }
});

const base = () => `http://127.0.0.1:${env.MONA_HTTP__PORT}/`;

/** `mona serve`, with the recording agent registered as its one session host, running what it has not ended. */
async function serve(crashAt?: CrashPointName) {
  const server = await startMona('serve', crashAt ? { ...env, MONA_CRASH_AT: crashAt } : env);
  running.push(server);
  const sessions = agent.started.map((spec) => spec.sessionId).filter((id) => !agent.ended.includes(id));
  const registered = await fetch(new URL('/api/hosts/register', base()), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${hostSecret}`,
      'x-mona-host': 'crash-host',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      agentUrl: agent.url,
      agentToken: agent.token,
      capacity: 5,
      sessions,
      rdpPort: 3389,
    }),
  });
  expect(registered.status).toBe(200);
  return server;
}

async function expectKilledAt(process: MonaProcess, point: CrashPointName) {
  expect(await process.ended).toEqual({ code: null, signal: 'SIGKILL' });
  expect(process.output()).toContain(`crash point ${point} reached`);
}

async function loggedIn(username: string): Promise<{ user: TestUser; client: PortalClient }> {
  const user = await createOtpUser(testDb.db, { username, termsAcceptedAt: new Date('2026-01-01') });
  const client = new PortalClient(base());
  await client.logIn(user);
  return { user, client };
}

/** The request, or the word that the connection broke. */
async function requestOrBreak(send: () => Promise<Response>): Promise<Response | 'broken'> {
  return send().catch(() => 'broken' as const);
}

function sessionsOf(userId: string) {
  return testDb.db
    .selectFrom('desktop_sessions')
    .select(['id', 'state', 'end_reason'])
    .where('user_id', '=', userId)
    .orderBy('started_at')
    .execute();
}

async function auditOf(action: string, actorOrTarget: { actor?: string; target?: string }) {
  let query = testDb.db.selectFrom('audit_events').select(['details']).where('action', '=', action);
  if (actorOrTarget.actor) query = query.where('actor_id', '=', actorOrTarget.actor);
  if (actorOrTarget.target) query = query.where('target_id', '=', actorOrTarget.target);
  return query.execute();
}

async function expectAuditVerifies() {
  const verified = await runMona(['admin', 'audit', 'verify'], env);
  expect(verified.stdout).toMatch(/^audit log intact: /);
  expect(verified.code).toBe(0);
}

describe('a crash of mona serve', () => {
  it('in a desktop start, the host running it: the user starts afresh and nothing is left half-started', async () => {
    const crashing = await serve('desktop.start');
    const { user, client } = await loggedIn('crash.desk');
    expect(await requestOrBreak(() => client.post('/api/desktop/open'))).toBe('broken');
    await expectKilledAt(crashing, 'desktop.start');
    const [abandoned] = await sessionsOf(user.id);
    expect(abandoned).toMatchObject({ state: 'starting' });
    expect(agent.started.map((spec) => spec.sessionId)).toContain(abandoned?.id);

    await serve();
    // The user retries, as the refusal asks, until the dead start is seen to be dead.
    const opened = await eventually('the desktop to open', async () => {
      const response = await client.post('/api/desktop/open');
      return response.status === 200 ? ((await response.json()) as { sessionId: string }) : undefined;
    });
    expect(opened.sessionId).not.toBe(abandoned?.id);
    expect(await sessionsOf(user.id)).toEqual([
      { id: abandoned?.id, state: 'ended', end_reason: 'failed' },
      { id: opened.sessionId, state: 'running', end_reason: null },
    ]);
    // The desktop the dead start left on the host is stopped.
    expect(agent.ended).toContain(abandoned?.id);
    expect(await auditOf('desktop.session_ended', { target: abandoned?.id })).toEqual([
      { details: expect.objectContaining({ reason: 'failed', why: 'start abandoned' }) },
    ]);
    await expectAuditVerifies();
  }, 120_000);

  it("in an RDP file's grant: no grant was made, and a fresh file works once", async () => {
    const crashing = await serve('rdp.grant');
    const { user, client } = await loggedIn('crash.rdp');
    expect(await requestOrBreak(() => client.post('/api/desktop/rdp'))).toBe('broken');
    await expectKilledAt(crashing, 'rdp.grant');
    const grants = () =>
      testDb.db.selectFrom('rdp_grants').select('token_sha256').where('user_id', '=', user.id).execute();
    expect(await grants()).toEqual([]);
    expect(await auditOf('desktop.rdp_file_issued', { actor: user.id })).toEqual([]);
    const [session] = await sessionsOf(user.id);
    expect(session).toMatchObject({ state: 'running' });

    await serve();
    const startsBefore = agent.started.length;
    const response = await client.post('/api/desktop/rdp');
    expect(response.status).toBe(200);
    const file = await response.text();
    // The session the grant was for is resumed, not started again.
    expect(agent.started).toHaveLength(startsBefore);
    expect(await grants()).toHaveLength(1);
    expect(await auditOf('desktop.rdp_file_issued', { actor: user.id })).toHaveLength(1);
    const token = /^gatewayaccesstoken:s:(.+)$/m.exec(file.replaceAll('\r', ''))?.[1] ?? '';
    expect(await consumeGatewayToken(testDb.db, token, '127.0.0.1', new Date())).toMatchObject({
      ok: true,
      grant: { sessionId: session?.id },
    });
    expect(await consumeGatewayToken(testDb.db, token, '127.0.0.1', new Date())).toMatchObject({
      ok: false,
      reason: 'unknown-or-used',
    });
    await expectAuditVerifies();
  }, 120_000);
});
