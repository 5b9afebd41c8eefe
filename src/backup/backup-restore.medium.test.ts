import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAirlock } from '../../test/airlock.js';
import { buildTestApp } from '../../test/app.js';
import { TestBrowser } from '../../test/http-client.js';
import { runMona } from '../../test/run-mona.js';
import { createOtpUser, logInWithOtp, type TestUser } from '../../test/users.js';
import type { AirlockDeps } from '../airlock/airlock-deps.js';
import { uploadJobKinds } from '../airlock/upload-jobs.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { checkpointFiles, writeCheckpointKey } from '../audit/checkpoint-keys.js';
import { loadConfig } from '../config/load.js';
import { connect, type Db } from '../db/connect.js';
import { embeddedAppCredentials, findRunningEmbedded } from '../db/embedded-postgres.js';
import { readMigrations } from '../db/migrate.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { claimJob, completeJob } from '../jobs/job-repository.js';
import { findFreePort } from '../net/ports.js';
import { type OpenDatabase, openDatabase } from '../runtime/database.js';
import { runCommand, runningAsRoot, unixGroupName, unixUserName } from '../storage/unix-accounts.js';
import { homeDirs, projectDirs } from '../storage/vault-paths.js';

// A real installation on the embedded default, made by the product; backed up while it runs; restored into a
// fresh data dir and database; then served and used as a user and an operator would.

const scratch = mkdtempSync(join(tmpdir(), 'mona-backup-'));
// As root, the embedded server runs as "postgres", which must be able to pass through.
chmodSync(scratch, 0o711);
const source = join(scratch, 'source');
const backup = join(scratch, 'backup');
const restored = join(scratch, 'restored');

const suffix = randomBytes(3).toString('hex');
const projectId = `P9${String(randomInt(1000)).padStart(3, '0')}`;
const usernames = { anna: `bk${suffix}.anna`, bert: `bk${suffix}.bert` };
const CSV = 'id,income\n1,31000\n2,45500\n';
const IN_FLIGHT_CSV = 'id,region\n1,Uppsala\n';

let live: OpenDatabase;
let anna: TestUser;
let inFlightUpload: string;
const started: ChildProcess[] = [];

function sourceConfig() {
  return loadConfig({ env: {}, flags: { dataDir: source } });
}

function sourceAirlock(db: Db): AirlockDeps {
  return {
    ...testAirlock({
      quarantineDir: join(source, 'quarantine'),
      vault: { root: join(source, 'vault'), homeQuotaBytes: 250_000_000, quotaImages: false },
    }),
    db,
    now: () => new Date(),
  };
}

/** What `mona worker` does: every queued job, one after another, until none is left. */
async function runJobs(deps: AirlockDeps): Promise<void> {
  const kinds = uploadJobKinds(deps);
  for (
    let job = await claimJob(deps.db, Object.keys(kinds), 60);
    job;
    job = await claimJob(deps.db, Object.keys(kinds), 60)
  ) {
    await kinds[job.kind]?.run(job);
    await completeJob(deps.db, job);
  }
}

async function mona(...args: string[]) {
  const result = await runMona(args);
  if (result.code !== 0) throw new Error(`mona ${args.join(' ')}: exit ${result.code}: ${result.stderr}`);
  return result;
}

beforeAll(async () => {
  live = await openDatabase(sourceConfig(), source, {
    embedded: 'own',
    mayInitialise: true,
    migrate: true,
    log: () => {},
  });
  const db = live.db;
  await publishTermsDirectory(db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  anna = await createOtpUser(db, { username: usernames.anna, termsAcceptedAt: new Date() });
  await createOtpUser(db, { username: usernames.bert, termsAcceptedAt: new Date() });
  const dataDir = ['--data-dir', source];
  await mona(
    'admin',
    'org',
    'create',
    '--name',
    `Org ${suffix}`,
    '--dpa-reference',
    'DPA-1',
    '--dpa-signed-on',
    '2026-01-15',
    ...dataDir,
  );
  await mona(
    'admin',
    'project',
    'create',
    '--id',
    projectId,
    '--name',
    'Backup study',
    '--org',
    `Org ${suffix}`,
    ...dataDir,
  );
  await mona('admin', 'project', 'add-member', projectId, usernames.anna, ...dataDir);
  // A member who left: the project's folder keeps an ACL entry that denies them (as root).
  await mona('admin', 'project', 'add-member', projectId, usernames.bert, ...dataDir);
  await mona('admin', 'project', 'remove-member', projectId, usernames.bert, ...dataDir);

  // Project files: released data, and a member's own work in the shared folder.
  const vault = join(source, 'vault');
  const project = projectDirs(vault, projectId);
  writeFileSync(join(project.data, 'register.csv'), 'id,born\n1,1970\n2,1984\n', { mode: 0o640 });
  const home = homeDirs(vault, usernames.anna);
  const annaUid = statSync(home.myDocuments).uid;
  const projectGid = statSync(project.project).gid;
  writeFileSync(join(project.gem, 'model.R'), 'lm(income ~ born)\n', { mode: 0o660 });
  chownSync(join(project.gem, 'model.R'), annaUid, projectGid);
  mkdirSync(join(home.myDocuments, 'notes'), { mode: 0o700 });
  writeFileSync(join(home.myDocuments, 'notes', 'draft.txt'), 'first draft\n', { mode: 0o600 });
  chownSync(join(home.myDocuments, 'notes'), annaUid, annaUid);
  chownSync(join(home.myDocuments, 'notes', 'draft.txt'), annaUid, annaUid);

  // An upload delivered into InBox through the real routes and worker, and one still in the airlock.
  const airlock = sourceAirlock(db);
  const { app } = await buildTestApp(db, { airlock });
  const browser = new TestBrowser(app);
  expect((await logInWithOtp(browser, anna, new Date())).statusCode).toBe(200);
  const upload = (name: string, body: string) =>
    browser.postRaw('/api/uploads', body, { 'x-file-name': name, 'x-project': projectId });
  expect((await upload('results.csv', CSV)).statusCode).toBe(202);
  await runJobs(airlock);
  expect(readFileSync(join(home.inbox, 'results.csv'), 'utf8')).toBe(CSV);
  const second = await upload('regions.csv', IN_FLIGHT_CSV);
  expect(second.statusCode).toBe(202);
  inFlightUpload = second.json().upload.id;
  await app.close();

  // The audit log's head signed with the data dir's own key, as `mona start` does.
  writeCheckpointKey(checkpointFiles(sourceConfig(), source).keyFile);
  await mona('admin', 'audit', 'checkpoint', ...dataDir);
}, 180_000);

afterAll(async () => {
  for (const child of started) child.kill('SIGTERM');
  await Promise.all(started.map((child) => new Promise((resolve) => child.once('close', resolve))));
  await live?.close();
  // As root, the product made real accounts and groups on this host: leave none behind.
  if (runningAsRoot()) {
    for (const username of Object.values(usernames)) {
      await runCommand('userdel', [unixUserName(username)]).catch(() => {});
      await runCommand('groupdel', [unixUserName(username)]).catch(() => {});
    }
    await runCommand('groupdel', [unixGroupName(projectId)]).catch(() => {});
  }
  rmSync(scratch, { recursive: true, force: true });
});

/** Every entry under `root`: type, mode, owner, and the bytes of files (as SHA-256) or a link's target. */
function tree(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (relative: string) => {
    const path = join(root, relative);
    const info = lstatSync(path);
    const what = info.isSymbolicLink()
      ? `link ${readlinkSync(path)}`
      : info.isFile()
        ? `file ${createHash('sha256').update(readFileSync(path)).digest('hex')}`
        : 'dir';
    entries.set(relative || '.', `${what} ${(info.mode & 0o7777).toString(8)} ${info.uid}:${info.gid}`);
    if (info.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(relative, name));
  };
  walk('');
  return entries;
}

async function getfacl(path: string): Promise<string> {
  return runCommand('getfacl', ['--numeric', '--omit-header', path]);
}

describe('a backup of a running installation, restored into a fresh data dir and database', () => {
  it('is written while the platform runs, and audited in the live log', async () => {
    const result = await mona('admin', 'backup', '--data-dir', source, '--to', backup);
    expect(result.stdout).toMatch(
      /^backup written to .*backup in [\d.]+ s: [\d.]+ MB, \d+ rows in \d+ tables, .*1 uploads in the airlock, the vault\n$/,
    );
    const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'));
    expect(manifest.database.migrations).toHaveLength(readMigrations().length);
    expect(manifest.quarantine).toEqual([inFlightUpload]);
    expect(manifest.audit).toMatchObject({ checkpoints: true, signingKey: true, publicKey: true });
    // Nothing half-written is left beside it.
    expect(readdirSync(scratch).sort()).toEqual(['backup', 'source']);
    const last = await live.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('admin.backup');
    expect(last.details).toMatchObject({ to: backup, head: manifest.audit.head });
  });

  it('restores into an empty data dir, with the files byte for byte, their owners, modes and ACLs', async () => {
    const result = await mona('admin', 'restore', '--data-dir', restored, '--from', backup);
    expect(result.stdout).toMatch(
      /^restored the backup of .* into .*restored: \d+ rows, 1 uploads in the airlock, the vault; the schema is current\n$/,
    );
    expect(tree(join(restored, 'vault'))).toEqual(tree(join(source, 'vault')));
    const inbox = homeDirs(join(restored, 'vault'), usernames.anna).inbox;
    expect(readFileSync(join(inbox, 'results.csv'), 'utf8')).toBe(CSV);
    expect(readFileSync(join(restored, 'quarantine', inFlightUpload), 'utf8')).toBe(IN_FLIGHT_CSV);
    if (runningAsRoot()) {
      const folder = (root: string) => projectDirs(join(root, 'vault'), projectId).project;
      expect(await getfacl(folder(restored))).toBe(await getfacl(folder(source)));
      expect(await getfacl(folder(restored))).toMatch(/^user:\d+:---$/m);
    }
  });

  it('verifies its audit log against the checkpoints it had', async () => {
    const result = await runMona(['admin', 'audit', 'verify', '--data-dir', restored]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^audit log intact: \d+ events, head [0-9a-f]{64}; 1 checkpoint in .* holds\n$/,
    );
  });

  it('serves the restored platform: a user logs in with their password and one-time code over HTTP', async () => {
    const port = await findFreePort('127.0.0.1');
    const server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('../cli/main.ts', import.meta.url)),
        'serve',
        '--data-dir',
        restored,
        '--port',
        String(port),
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          MONA_ACCESS__ALLOW_PRIVATE_NETWORKS: 'true',
          // Loop mounts would outlive the test's data dirs.
          MONA_VAULT__QUOTA_IMAGES: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    started.push(server);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('mona is serving')) resolve();
      });
      server.once('close', (code) => reject(new Error(`mona serve stopped (exit ${code}): ${output}`)));
    });
    const browser = new FetchBrowser(`http://127.0.0.1:${port}`);
    await browser.post('/api/login/start', { acceptApprovedCountry: true });
    await browser.post('/api/login/otp/password', { username: anna.username, password: anna.password });
    // The next step's code: the restored account remembers the step used before the backup.
    const login = await browser.post('/api/login/otp/code', { code: anna.code(new Date(), 1) });
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({ next: 'portal' });
    const session = await browser.get('/api/session');
    expect(session.status).toBe(200);
    expect((await session.json()).user.username).toBe(anna.username);
  }, 60_000);

  it('carries on with the upload that was in the airlock, and records the restore in the restored log', async () => {
    const running = findRunningEmbedded(restored);
    const credentials = running && embeddedAppCredentials(restored, running.url);
    if (!credentials) throw new Error('the restored platform is not running');
    const db = connect(credentials.url, 2);
    try {
      const events = await db.selectFrom('audit_events').select('action').orderBy('seq').execute();
      expect(events.map((event) => event.action)).toContain('admin.restore');
      expect(events.map((event) => event.action)).not.toContain('admin.backup');
      const deps: AirlockDeps = {
        ...sourceAirlock(db),
        quarantineDir: join(restored, 'quarantine'),
        vault: { root: join(restored, 'vault'), homeQuotaBytes: 250_000_000, quotaImages: false },
      };
      await runJobs(deps);
      const upload = await db
        .selectFrom('uploads')
        .select(['state', 'delivered_name'])
        .where('id', '=', inFlightUpload)
        .executeTakeFirstOrThrow();
      expect(upload).toEqual({ state: 'delivered', delivered_name: 'regions.csv' });
      const inbox = homeDirs(join(restored, 'vault'), usernames.anna).inbox;
      expect(readFileSync(join(inbox, 'regions.csv'), 'utf8')).toBe(IN_FLIGHT_CSV);
    } finally {
      await db.destroy();
    }
  });
});

describe('a restore that cannot be done refuses, in one line, changing nothing', () => {
  /** A copy of the good backup, changed by `spoil`. */
  function spoiled(name: string, spoil: (dir: string) => void): string {
    const dir = join(scratch, name);
    cpSync(backup, dir, { recursive: true });
    spoil(dir);
    return dir;
  }

  async function expectRefusal(from: string, dataDir: string, code: number, message: RegExp) {
    const result = await runMona(['admin', 'restore', '--data-dir', dataDir, '--from', from]);
    expect(result.code).toBe(code);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  }

  it('into a data dir that is not empty (exit 3)', async () => {
    const occupied = join(scratch, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'keep.txt'), 'mine\n');
    await expectRefusal(backup, occupied, 3, /^mona: .*occupied is not empty \(keep\.txt\)/);
    expect(readdirSync(occupied)).toEqual(['keep.txt']);
  });

  it('from a backup without its manifest (exit 4)', async () => {
    const from = spoiled('no-manifest', (dir) => rmSync(join(dir, 'manifest.json')));
    const target = join(scratch, 'target-1');
    await expectRefusal(from, target, 4, /^mona: the backup cannot be restored: .*manifest\.json is missing/);
    expect(existsSync(target)).toBe(false);
  });

  it('from a backup whose part does not match its checksum (exit 4)', async () => {
    const from = spoiled('bit-flipped', (dir) => {
      const file = join(dir, 'database', 'users.copy.gz');
      const bytes = readFileSync(file);
      bytes[bytes.length - 9] = (bytes[bytes.length - 9] as number) ^ 0x01;
      writeFileSync(file, bytes);
    });
    const target = join(scratch, 'target-2');
    await expectRefusal(
      from,
      target,
      4,
      /^mona: the backup cannot be restored: its part database\/users\.copy\.gz does not match its SHA-256/,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('from a backup of a newer schema (exit 5)', async () => {
    const from = spoiled('newer', (dir) => {
      const file = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      const next = readMigrations().length + 1;
      manifest.database.migrations.push({
        version: next,
        name: `${String(next).padStart(4, '0')}_later.sql`,
        checksum: 'f'.repeat(64),
      });
      writeFileSync(file, JSON.stringify(manifest));
    });
    const target = join(scratch, 'target-3');
    await expectRefusal(from, target, 5, /^mona: the backup's schema is newer than this mona's/);
    expect(existsSync(target)).toBe(false);
  });

  it('and a backup is never written over an existing folder', async () => {
    const result = await runMona(['admin', 'backup', '--data-dir', restored, '--to', backup]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mona: .*backup exists: a backup is written to a folder of its own/);
  });
});

/** A browser over real HTTP: it keeps cookies and sends the CSRF token, as the web app does. */
class FetchBrowser {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(private readonly base: string) {}

  get(path: string): Promise<Response> {
    return this.send('GET', path);
  }

  async post(path: string, body: unknown): Promise<Response> {
    if (!this.csrf) this.csrf = (await (await this.get('/api/csrf-token')).json()).token;
    return this.send('POST', path, body);
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.csrf && method === 'POST' ? { 'x-csrf-token': this.csrf } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = (pair as string).split('=');
      if (value) this.cookies.set(name as string, value);
      else this.cookies.delete(name as string);
    }
    return response;
  }
}
