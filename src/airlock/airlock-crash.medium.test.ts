import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { eventually } from '../../test/eventually.js';
import { type MonaProcess, monaTestEnv, startMona } from '../../test/mona-process.js';
import { PortalClient } from '../../test/portal-client.js';
import { runMona } from '../../test/run-mona.js';
import { createOtpUser, type TestUser } from '../../test/users.js';
import type { CrashPointName } from '../runtime/crash-points.js';
import { runCommand, runningAsRoot } from '../storage/unix-accounts.js';
import { eicarSignatureFile } from './inspect/clamav.js';

// The airlock's crash points, with real processes: `mona serve` or `mona worker` killed by SIGKILL at the
// point, then started again without it. Whatever the point, the user never sees half a file, the upload
// ends delivered once or refused with a reason, no job is left behind, and the audit log verifies.

let testDb: TestDatabase;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let user: TestUser;
const running: MonaProcess[] = [];

const PIECE = Buffer.from(`${'id,value\n'}${'1234,5678\n'.repeat(6553)}`);
const FILE = [PIECE, PIECE, PIECE, PIECE];
const FILE_BYTES = Buffer.concat(FILE);

beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'mona-crash-airlock-'));
  // As root the vault's folders get real owners, who must be able to pass through.
  chmodSync(dataDir, 0o755);
  const signatures = join(dataDir, 'eicar.ndb');
  writeFileSync(signatures, eicarSignatureFile());
  env = {
    ...(await monaTestEnv(testDb.url, dataDir)),
    MONA_AIRLOCK__CLAMAV__DATABASE_PATH: signatures,
    MONA_DESKTOP__RDP__ENABLED: 'false',
    // A dead worker's job is free again after 3 s, not 30.
    MONA_JOBS__LOCK_SECONDS: '3',
    // One login serves the whole file, across every restart.
    MONA_IDENTITY__SESSION_IDLE_SECONDS: '3600',
  };
  user = await createOtpUser(testDb.db, { username: 'crash.anna' });
});

let loggedIn: PortalClient | null = null;

/** The user's browser, logged in once: a one-time code is accepted only once. */
async function browser(): Promise<PortalClient> {
  if (!loggedIn) {
    const client = new PortalClient(`http://127.0.0.1:${env.MONA_HTTP__PORT}/`);
    await client.logIn(user);
    loggedIn = client;
  }
  return loggedIn;
}

afterEach(async () => {
  for (const process of running.splice(0)) await process.stop();
});

afterAll(async () => {
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  // As root, the deliveries made a real account on this host: leave none behind.
  if (runningAsRoot()) await runCommand('userdel', ['m-crash_anna']).catch(() => {});
});

async function start(command: 'serve' | 'worker', crashAt?: CrashPointName) {
  const process = await startMona(command, crashAt ? { ...env, MONA_CRASH_AT: crashAt } : env);
  running.push(process);
  return process;
}

/** It died at the point, by SIGKILL, and said which point it was. */
async function expectKilledAt(process: MonaProcess, point: CrashPointName) {
  expect(await process.ended).toEqual({ code: null, signal: 'SIGKILL' });
  expect(process.output()).toContain(`crash point ${point} reached`);
}

const quarantine = () => join(dataDir, 'quarantine');
const quarantined = () => (existsSync(quarantine()) ? readdirSync(quarantine()) : []);
const myDocuments = () => join(dataDir, 'vault', 'home', user.username, 'My Documents');
const inbox = () =>
  existsSync(join(myDocuments(), 'InBox')) ? readdirSync(join(myDocuments(), 'InBox')) : [];
const staging = () =>
  existsSync(join(myDocuments(), '.mona-delivery')) ? readdirSync(join(myDocuments(), '.mona-delivery')) : [];

/** Files left in the quarantine, aged as if the restart had come an hour later. */
function ageQuarantine(): void {
  const hourAgo = new Date(Date.now() - 2 * 3600_000);
  for (const name of quarantined()) utimesSync(join(quarantine(), name), hourAgo, hourAgo);
}

async function uploadsOf(client: PortalClient) {
  const response = await client.get('/api/uploads');
  expect(response.status).toBe(200);
  return (await response.json()).uploads as {
    id: string;
    name: string;
    state: string;
    deliveredName: string;
  }[];
}

async function jobsNotDone(): Promise<number> {
  const rows = await testDb.db.selectFrom('jobs').select('id').where('done_at', 'is', null).execute();
  return rows.length;
}

async function auditCount(action: string, targetId: string): Promise<number> {
  const rows = await testDb.db
    .selectFrom('audit_events')
    .select('seq')
    .where('action', '=', action)
    .where('target_id', '=', targetId)
    .execute();
  return rows.length;
}

async function expectAuditVerifies() {
  const verified = await runMona(['admin', 'audit', 'verify'], env);
  expect(verified.stdout).toMatch(/^audit log intact: /);
  expect(verified.code).toBe(0);
}

/** Everything queued is done, in a few seconds. */
async function expectNoJobLeft() {
  await eventually(
    'every job to be done',
    async () => ((await jobsNotDone()) === 0 ? true : undefined),
    20_000,
  );
}

/** A fresh upload goes all the way through: what crashed works again. */
async function expectUploadsWorkAgain(client: PortalClient, name: string) {
  const sent = await client.upload(name, FILE);
  expect(sent).toMatchObject({ status: 202 });
  await eventually(`${name} to be delivered`, async () =>
    (await uploadsOf(client)).find((upload) => upload.name === name && upload.state === 'delivered'),
  );
  expect(readFileSync(join(myDocuments(), 'InBox', name))).toEqual(FILE_BYTES);
}

describe('an upload cut off by a crash of mona serve', () => {
  it('while it streams: nothing is recorded or delivered, and the part file is cleared', async () => {
    const server = await start('serve', 'upload.streaming');
    const client = await browser();
    expect(await client.upload('streamed.csv', FILE)).toHaveProperty('error');
    await expectKilledAt(server, 'upload.streaming');
    expect(quarantined()).toEqual([expect.stringMatching(/\.part$/)]);

    ageQuarantine();
    await start('serve');
    await start('worker');
    expect(await uploadsOf(client)).toEqual([]);
    await eventually('the part file to be cleared', async () =>
      quarantined().length === 0 ? true : undefined,
    );
    expect(inbox()).toEqual([]);
    await expectUploadsWorkAgain(client, 'streamed-again.csv');
    await expectNoJobLeft();
    await expectAuditVerifies();
  }, 120_000);

  it('once it is whole in the quarantine: it was never accepted, and the file is cleared', async () => {
    const server = await start('serve', 'upload.after-quarantine');
    const client = await browser();
    const before = (await uploadsOf(client)).length;
    expect(await client.upload('whole.csv', FILE)).toHaveProperty('error');
    await expectKilledAt(server, 'upload.after-quarantine');
    expect(quarantined()).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);

    ageQuarantine();
    await start('serve');
    await start('worker');
    expect((await uploadsOf(client)).filter((upload) => upload.name === 'whole.csv')).toEqual([]);
    expect(await uploadsOf(client)).toHaveLength(before);
    await eventually('the orphan to be cleared', async () => (quarantined().length === 0 ? true : undefined));
    await expectUploadsWorkAgain(client, 'whole-again.csv');
    await expectNoJobLeft();
    await expectAuditVerifies();
  }, 120_000);
});

describe('a worker killed', () => {
  let server: MonaProcess;
  beforeAll(async () => {
    server = await startMona('serve', env);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('right after it claimed the job: the job is claimed again after the restart and done', async () => {
    const worker = await start('worker', 'job.claimed');
    const client = await browser();
    const sent = await client.upload('claimed.csv', FILE);
    expect(sent).toMatchObject({ status: 202 });
    await expectKilledAt(worker, 'job.claimed');
    const id = JSON.parse((sent as { body: string }).body).upload.id as string;

    await start('worker');
    const delivered = await eventually('the upload to be delivered', async () =>
      (await uploadsOf(client)).find((upload) => upload.id === id && upload.state === 'delivered'),
    );
    expect(delivered.deliveredName).toBe('claimed.csv');
    await expectNoJobLeft();
    await expectAuditVerifies();
  }, 120_000);

  it('mid-delivery, after the link into InBox: the restart finds that delivery and makes no second', async () => {
    const worker = await start('worker', 'delivery.after-link');
    const client = await browser();
    const sent = await client.upload('linked.csv', FILE);
    expect(sent).toMatchObject({ status: 202 });
    await expectKilledAt(worker, 'delivery.after-link');
    const id = JSON.parse((sent as { body: string }).body).upload.id as string;
    expect(inbox()).toContain('linked.csv');

    await start('worker');
    const delivered = await eventually('the upload to be delivered', async () =>
      (await uploadsOf(client)).find((upload) => upload.id === id && upload.state === 'delivered'),
    );
    expect(delivered.deliveredName).toBe('linked.csv');
    await expectNoJobLeft();
    expect(inbox().filter((name) => name.startsWith('linked'))).toEqual(['linked.csv']);
    expect(readFileSync(join(myDocuments(), 'InBox', 'linked.csv'))).toEqual(FILE_BYTES);
    expect(staging()).toEqual([]);
    expect(quarantined()).toEqual([]);
    expect(await auditCount('upload.delivered', id)).toBe(1);
    await expectAuditVerifies();
  }, 120_000);
});
