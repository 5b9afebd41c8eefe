import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testAirlock } from '../../test/airlock.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TestBrowser } from '../../test/http-client.js';
import { createOtpUser, logInWithOtp, type TestUser } from '../../test/users.js';
import { writeZip, zeros } from '../../test/zip-writer.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { verifyAuditChain } from '../audit/audit-verification.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { claimJob, completeJob, type Job } from '../jobs/job-repository.js';
import { deliverFile } from '../storage/deliver.js';
import { provisionMember } from '../storage/provision.js';
import { directoryUsage } from '../storage/quota.js';
import { runCommand, runningAsRoot, unixUserName } from '../storage/unix-accounts.js';
import type { AirlockDeps } from './airlock-deps.js';
import { EICAR } from './inspect/clamav.js';
import { uploadJobKinds } from './upload-jobs.js';

let testDb: TestDatabase;
let t: TestApp;
let places: Omit<AirlockDeps, 'db' | 'now'>;
let deps: AirlockDeps;
let anna: TestUser;
let bert: TestUser;
let rita: TestUser;
let vera: TestUser;
let otto: TestUser;

const CSV = 'LopNr,Kommun\n1,0180\n2,1480\n';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  places = testAirlock({ settings: { ...testAirlock().settings, uploadMaxBytes: 64 * 1024 } });
  deps = { ...places, db: testDb.db, now: () => new Date() };
  t = await buildTestApp(testDb.db, { airlock: places });
  anna = await createOtpUser(testDb.db, { username: 'anna' });
  bert = await createOtpUser(testDb.db, { username: 'bert' });
  rita = await createOtpUser(testDb.db, { username: 'rita', roles: ['reviewer'] });
  vera = await createOtpUser(testDb.db, { username: 'vera' });
  otto = await createOtpUser(testDb.db, { username: 'otto', roles: ['reviewer'] });
  const org = await testDb.db
    .insertInto('organisations')
    .values({ name: 'Uni', dpa_reference: 'DPA-1', dpa_signed_on: '2026-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await testDb.db
    .insertInto('projects')
    .values([
      { id: 'P0101', name: 'Open', organisation_id: org.id },
      { id: 'P0102', name: 'Reviewed', organisation_id: org.id, upload_review: true },
    ])
    .execute();
  await testDb.db
    .insertInto('project_members')
    .values([
      { project_id: 'P0101', user_id: anna.id },
      { project_id: 'P0102', user_id: vera.id },
    ])
    .execute();
});
afterAll(async () => {
  await t.app.close();
  await testDb.drop();
  // As root, deliveries made real accounts and groups on this host: leave none behind.
  if (runningAsRoot()) {
    for (const user of ['m-anna', 'm-bert', 'm-rita']) await runCommand('userdel', [user]).catch(() => {});
    for (const group of ['m-anna', 'm-bert', 'm-rita', 'mona-p0101', 'mona-p0102'])
      await runCommand('groupdel', [group]).catch(() => {});
  }
});

const browsers = new Map<string, TestBrowser>();
/** One login per user for the whole file: a second within the same 30 s would reuse its code (a replay). */
async function loggedIn(user: TestUser): Promise<TestBrowser> {
  const known = browsers.get(user.username);
  if (known) return known;
  const browser = new TestBrowser(t.app);
  browsers.set(user.username, browser);
  expect((await logInWithOtp(browser, user, new Date())).statusCode).toBe(200);
  return browser;
}

let annaBrowser: TestBrowser;
async function upload(name: string, body: string | Buffer, headers: Record<string, string> = {}, as = anna) {
  annaBrowser ??= await loggedIn(anna);
  const browser = as === anna ? annaBrowser : await loggedIn(as);
  return browser.postRaw('/api/uploads', body, { 'x-file-name': encodeURIComponent(name), ...headers });
}

/** What `mona worker` does: every queued job, one after another, until none is left. */
async function runJobs(workerDeps: AirlockDeps = deps): Promise<void> {
  const kinds = uploadJobKinds(workerDeps);
  for (
    let job = await claimJob(testDb.db, Object.keys(kinds), 60);
    job;
    job = await claimJob(testDb.db, Object.keys(kinds), 60)
  ) {
    await kinds[job.kind]?.run(job);
    await completeJob(testDb.db, job);
  }
}

async function stateOf(id: string) {
  return testDb.db
    .selectFrom('uploads')
    .select(['state', 'reason', 'reason_detail', 'delivered_name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

const inbox = () => join(places.vault.root, 'home', 'anna', 'My Documents', 'InBox');
const annaUnixUser = () => (runningAsRoot() ? unixUserName('anna') : null);
const quarantineFiles = () => (existsSync(places.quarantineDir) ? readdirSync(places.quarantineDir) : []);

describe('uploading into the InBox (R23)', () => {
  it('delivers a CSV into InBox, byte for byte, every step audited', async () => {
    const response = await upload('register.csv', CSV);
    expect(response.statusCode).toBe(202);
    const { upload: received } = response.json();
    expect(received).toMatchObject({ name: 'register.csv', state: 'received', bytes: CSV.length });
    await runJobs();
    expect(await stateOf(received.id)).toMatchObject({ state: 'delivered', delivered_name: 'register.csv' });
    expect(readFileSync(join(inbox(), 'register.csv'), 'utf8')).toBe(CSV);
    expect(quarantineFiles()).toEqual([]);
    const actions = await testDb.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', received.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['upload.received', 'upload.checking', 'upload.delivered']);
  });

  it('keeps both files when the name is taken', async () => {
    const { upload: second } = (await upload('register.csv', 'LopNr\n3\n')).json();
    await runJobs();
    expect(await stateOf(second.id)).toMatchObject({
      state: 'delivered',
      delivered_name: 'register (2).csv',
    });
    expect(readFileSync(join(inbox(), 'register.csv'), 'utf8')).toBe(CSV);
  });

  it('lists the user’s own uploads with the rules and the quota, and no one else’s', async () => {
    const mine = (await annaBrowser.get('/api/uploads')).json();
    expect(mine.uploads.length).toBeGreaterThanOrEqual(2);
    expect(mine.policy).toMatchObject({
      maxBytes: 64 * 1024,
      allowedTypes: expect.arrayContaining(['csv', 'zip']),
    });
    expect(mine.quota).toEqual({ usedBytes: expect.any(Number), quotaBytes: 250 * 1024 * 1024 });
    expect(mine.quota.usedBytes).toBeGreaterThan(0);
    expect(mine.projects).toEqual([{ id: 'P0101', name: 'Open' }]);
    const theirs = (await (await loggedIn(bert)).get('/api/uploads')).json();
    expect(theirs.uploads).toEqual([]);
  });

  it('rejects EICAR as infected, and keeps nothing', async () => {
    const { upload: infected } = (await upload('notes.txt', EICAR)).json();
    await runJobs();
    expect(await stateOf(infected.id)).toMatchObject({ state: 'rejected', reason: 'infected' });
    expect(existsSync(join(inbox(), 'notes.txt'))).toBe(false);
    expect(quarantineFiles()).toEqual([]);
  });

  it('rejects a file whose bytes are not what its name says', async () => {
    const { upload: disguised } = (await upload('data.csv', PNG)).json();
    await runJobs();
    expect(await stateOf(disguised.id)).toMatchObject({ state: 'rejected', reason: 'type_mismatch' });
  });

  it('refuses at once what cannot be taken, with a clear code', async () => {
    const cases: [string, string | Buffer, string, number][] = [
      ['tool.exe', 'MZ', 'UPLOAD_TYPE_NOT_ALLOWED', 415],
      ['../escape.csv', CSV, 'UPLOAD_NAME_REFUSED', 400],
      ['a\u0000b.csv', CSV, 'UPLOAD_NAME_REFUSED', 400],
      ['bell\u0007.csv', CSV, 'UPLOAD_NAME_REFUSED', 400],
      ['CON.csv', CSV, 'UPLOAD_NAME_REFUSED', 400],
      ['empty.csv', '', 'UPLOAD_EMPTY', 400],
      ['big.csv', 'x'.repeat(64 * 1024 + 1), 'UPLOAD_TOO_LARGE', 413],
    ];
    for (const [name, body, code, status] of cases) {
      const response = await upload(name, body);
      expect([name, response.statusCode, response.json().error.code]).toEqual([name, status, code]);
    }
    expect(quarantineFiles()).toEqual([]);
  });

  it('refuses an upload for a project the user is not in, as not found', async () => {
    const response = await upload('x.csv', CSV, { 'x-project': 'P0999' });
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('refuses a delivery that would overfill My Documents', async () => {
    const tight = { ...deps, vault: { ...deps.vault, homeQuotaBytes: 100 } };
    const { upload: big } = (await upload('wide.csv', `${'a,b\n'.repeat(40)}`)).json();
    await runJobs(tight);
    expect(await stateOf(big.id)).toMatchObject({ state: 'rejected', reason: 'quota_exceeded' });
    expect(existsSync(join(inbox(), 'wide.csv'))).toBe(false);
  });

  it('leaves nothing of an upload cut off mid-stream', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const cookie = `__Host-mona-session=${annaBrowser.cookie('__Host-mona-session')}; __Host-mona-csrf=${annaBrowser.cookie('__Host-mona-csrf')}`;
    const before = (await testDb.db.selectFrom('uploads').select('id').execute()).length;
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/uploads',
        headers: {
          cookie,
          'x-csrf-token': annaBrowser.csrf() as string,
          'content-type': 'application/octet-stream',
          'content-length': '40000',
          'x-file-name': 'cut.csv',
        },
      });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write('a,b\n'.repeat(2000), () => setTimeout(() => req.destroy(), 100));
    });
    // The server's side is over once the attempt is on record.
    await vi.waitFor(
      async () => {
        const event = await testDb.db
          .selectFrom('audit_events')
          .select('details')
          .where('action', '=', 'upload.interrupted')
          .executeTakeFirst();
        expect(event?.details).toEqual({ name: 'cut.csv' });
      },
      { timeout: 10_000, interval: 50 },
    );
    expect((await testDb.db.selectFrom('uploads').select('id').execute()).length).toBe(before);
    expect(quarantineFiles()).toEqual([]);
  });
});

describe('archives and a full disk', () => {
  it('rejects a zip bomb and an archive nested too deep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mona-zips-'));
    const bomb = join(dir, 'bomb.zip');
    await writeZip(bomb, [{ name: 'zeros.csv', data: zeros(20 * 1024 ** 2) }]);
    const inner = join(dir, 'inner.zip');
    await writeZip(inner, [{ name: 'a.csv', data: Buffer.from(CSV) }]);
    const middle = join(dir, 'middle.zip');
    await writeZip(middle, [{ name: 'inner.zip', data: readFileSync(inner) }]);
    // A zip in a zip is allowed (depth 1, the default); one more level is not.
    const outer = join(dir, 'outer.zip');
    await writeZip(outer, [{ name: 'middle.zip', data: readFileSync(middle) }]);
    const { upload: bombed } = (await upload('results.zip', readFileSync(bomb))).json();
    const { upload: nested } = (await upload('nested.zip', readFileSync(outer))).json();
    await runJobs();
    expect(await stateOf(bombed.id)).toMatchObject({ state: 'rejected', reason: 'archive_bomb' });
    expect(await stateOf(nested.id)).toMatchObject({ state: 'rejected', reason: 'archive_too_deep' });
  });

  it('rejects a zip holding a file no upload could be named, and names that file legibly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mona-zips-'));
    const disguised = join(dir, 'disguised.zip');
    // Shown as "reportvsc.exe.txt": the right-to-left override turns the rest of the name around.
    await writeZip(disguised, [{ name: 'report\u202etxt.exe.csv', data: Buffer.from(CSV) }]);
    const { upload: sent } = (await upload('results.zip', readFileSync(disguised))).json();
    await runJobs();
    const { reason, reason_detail } = await stateOf(sent.id);
    expect(reason).toBe('archive_unsafe_name');
    expect(reason_detail).toMatch(/^report\\u202etxt\.exe\.csv: /);
    expect(reason_detail).not.toContain('\u202e');
    expect(quarantineFiles()).toEqual([]);
  });

  // A full disk can only be made here with a small file system of our own, which takes root.
  it.runIf(runningAsRoot())(
    'answers STORAGE_FULL when the quarantine fills up, and leaves no half file',
    async () => {
      const small = mkdtempSync(join(tmpdir(), 'mona-full-'));
      await runCommand('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
      try {
        const settings = { ...places.settings, uploadMaxBytes: 1024 * 1024 };
        const cramped = await buildTestApp(testDb.db, {
          airlock: { ...places, settings, quarantineDir: small },
        });
        const browser = new TestBrowser(cramped.app);
        await logInWithOtp(browser, bert, new Date(), 1);
        const response = await browser.postRaw('/api/uploads', 'a,b\n'.repeat(128 * 1024), {
          'x-file-name': 'big.csv',
        });
        expect(response.statusCode).toBe(507);
        expect(response.json().error.code).toBe('STORAGE_FULL');
        expect(readdirSync(small)).toEqual([]);
        await cramped.app.close();
      } finally {
        await runCommand('umount', [small]);
      }
    },
  );
});

describe('review by a person, when the project asks for it', () => {
  it('holds the upload until a reviewer approves, then delivers it', async () => {
    const { upload: held } = (await upload('for-review.csv', CSV, { 'x-project': 'P0102' }, vera)).json();
    await runJobs();
    expect(await stateOf(held.id)).toMatchObject({ state: 'in_review' });

    expect((await annaBrowser.get('/api/review/uploads')).statusCode).toBe(404);
    const reviewer = await loggedIn(rita);
    const queue = (await reviewer.get('/api/review/uploads')).json().uploads;
    expect(queue).toContainEqual(
      expect.objectContaining({
        id: held.id,
        username: 'vera',
        name: 'for-review.csv',
        projectName: 'Reviewed',
      }),
    );
    const content = await reviewer.get(`/api/review/uploads/${held.id}/content`);
    expect(content.body).toBe(CSV);
    expect(
      (await reviewer.post(`/api/review/uploads/${held.id}/decision`, { approve: true })).json(),
    ).toEqual({ decided: true });
    // Approved at once: no one else can decide any more, and it leaves the queue.
    expect(await stateOf(held.id)).toMatchObject({ state: 'approved' });
    const late = await reviewer.post(`/api/review/uploads/${held.id}/decision`, {
      approve: false,
      note: 'late',
    });
    expect(late.statusCode).toBe(404);
    expect((await reviewer.get('/api/review/uploads')).json().uploads).toEqual([]);
    await runJobs();
    expect(await stateOf(held.id)).toMatchObject({ state: 'delivered', delivered_name: 'for-review.csv' });
  });

  it('holds an upload for no project in particular when any of the owner’s projects asks for review', async () => {
    const { upload: held } = (await upload('anything.csv', CSV, {}, vera)).json();
    await runJobs();
    expect(await stateOf(held.id)).toMatchObject({ state: 'in_review' });
    await (await loggedIn(rita)).post(`/api/review/uploads/${held.id}/decision`, {
      approve: false,
      note: 'not needed',
    });
  });

  it('rejects with the reviewer’s reason', async () => {
    const { upload: held } = (await upload('names.csv', CSV, { 'x-project': 'P0102' }, vera)).json();
    await runJobs();
    const reviewer = await loggedIn(rita);
    const missingNote = await reviewer.post(`/api/review/uploads/${held.id}/decision`, { approve: false });
    expect(missingNote.statusCode).toBe(400);
    await reviewer.post(`/api/review/uploads/${held.id}/decision`, {
      approve: false,
      note: 'Contains names',
    });
    expect(await stateOf(held.id)).toMatchObject({
      state: 'rejected',
      reason: 'reviewer_rejected',
      reason_detail: 'Contains names',
    });
    expect(quarantineFiles()).toEqual([]);
  });

  it('lists a reviewer’s own upload as theirs, and leaves its review to another reviewer', async () => {
    await testDb.db.insertInto('project_members').values({ project_id: 'P0102', user_id: rita.id }).execute();
    const { upload: own } = (await upload('mine.csv', CSV, { 'x-project': 'P0102' }, rita)).json();
    await runJobs();
    const reviewer = await loggedIn(rita);
    expect((await reviewer.get('/api/review/uploads')).json().uploads).toEqual([
      expect.objectContaining({ id: own.id, username: 'rita', ownSubmission: true }),
    ]);
    const opened = await reviewer.get(`/api/review/uploads/${own.id}/content`);
    const decided = await reviewer.post(`/api/review/uploads/${own.id}/decision`, { approve: true });
    for (const refused of [opened, decided]) {
      expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'OWN_SUBMISSION']);
    }
    expect(await stateOf(own.id)).toMatchObject({ state: 'in_review' });
    const attempts = await testDb.db
      .selectFrom('audit_events')
      .select(['actor_label', 'details'])
      .where('action', '=', 'review.own_submission_refused')
      .where('target_id', '=', own.id)
      .orderBy('seq')
      .execute();
    expect(attempts).toEqual([
      { actor_label: 'rita', details: { act: 'open' } },
      { actor_label: 'rita', details: { act: 'decide' } },
    ]);

    const colleague = await loggedIn(otto);
    expect((await colleague.get('/api/review/uploads')).json().uploads).toEqual([
      expect.objectContaining({ id: own.id, ownSubmission: false }),
    ]);
    expect((await colleague.get(`/api/review/uploads/${own.id}/content`)).body).toBe(CSV);
    expect(
      (await colleague.post(`/api/review/uploads/${own.id}/decision`, { approve: true })).json(),
    ).toEqual({ decided: true });
    await runJobs();
    expect(await stateOf(own.id)).toMatchObject({ state: 'delivered' });
  });
});

describe('the worker', () => {
  it('resumes a job whose worker died, and does each step once', async () => {
    const { upload: orphan } = (await upload('resume.csv', CSV)).json();
    const claimed = await claimJob(testDb.db, ['upload.inspect'], 60);
    expect(claimed).not.toBeNull();
    // The worker dies here; its lock runs out.
    await testDb.db
      .updateTable('jobs')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', claimed?.id as number)
      .execute();
    await runJobs();
    expect(await stateOf(orphan.id)).toMatchObject({ state: 'delivered' });
    const delivered = await testDb.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', orphan.id)
      .where('action', '=', 'upload.delivered')
      .execute();
    expect(delivered).toHaveLength(1);
  });

  it('finds a delivery cut short after its link, even with My Documents now full, and makes no second', async () => {
    const { upload: cut } = (await upload('cut.csv', CSV)).json();
    // What a worker did before it died: it staged the file and linked it into InBox.
    const home = await provisionMember(testDb.db, places.vault, 'anna');
    await deliverFile(
      join(places.quarantineDir, cut.id),
      'cut.csv',
      { ...home, unixUser: annaUnixUser() },
      cut.id,
    );
    // No room for a second copy.
    const full = {
      ...deps,
      vault: { ...deps.vault, homeQuotaBytes: await directoryUsage(home.myDocuments) },
    };
    await runJobs(full);
    expect(await stateOf(cut.id)).toMatchObject({ state: 'delivered', delivered_name: 'cut.csv' });
    expect(readdirSync(inbox()).filter((name) => name.startsWith('cut'))).toEqual(['cut.csv']);
    expect(readdirSync(join(home.myDocuments, '.mona-delivery'))).toEqual([]);
    expect(quarantineFiles()).not.toContain(cut.id);
    const delivered = await testDb.db
      .selectFrom('audit_events')
      .select('details')
      .where('target_id', '=', cut.id)
      .where('action', '=', 'upload.delivered')
      .execute();
    expect(delivered).toEqual([{ details: { name: 'cut.csv' } }]);
  });

  it('refuses an upload whose job was given up, with a reason its owner is shown', async () => {
    const { upload: doomed } = (await upload('doomed.csv', CSV)).json();
    const job = (await claimJob(testDb.db, ['upload.inspect'], 60)) as Job;
    await uploadJobKinds(deps)['upload.inspect']?.giveUp(job, 'claimed 6 times without finishing');
    expect(await stateOf(doomed.id)).toMatchObject({
      state: 'rejected',
      reason: 'processing_failed',
      reason_detail: 'the file could not be processed',
    });
    expect(quarantineFiles()).not.toContain(doomed.id);
    const refusal = await testDb.db
      .selectFrom('audit_events')
      .select('details')
      .where('target_id', '=', doomed.id)
      .where('action', '=', 'upload.rejected')
      .executeTakeFirstOrThrow();
    expect(refusal.details).toMatchObject({ internal: 'claimed 6 times without finishing' });
    await completeJob(testDb.db, job);
  });

  it('keeps the audit chain intact', async () => {
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true });
  });
});
