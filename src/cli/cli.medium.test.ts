import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rewriteAuditEvent } from '../../test/audit-tampering.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { runMona } from '../../test/run-mona.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import { startEmbedded } from '../db/embedded-postgres.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { recordLinkRequest } from '../identity/bankid/link-requests.js';
import { findFreePort } from '../net/ports.js';
import { type SmtpCatcher, startSmtpCatcher } from '../notify/smtp-catcher.js';
import { runCommand } from '../storage/unix-accounts.js';

const scratch = mkdtempSync(join(tmpdir(), 'mona-cli-'));
// As root, the embedded server runs as "postgres", which must be able to pass through.
chmodSync(scratch, 0o711);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One line on standard error, naming the problem. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  const line = stderr.trimEnd();
  expect(line.split('\n')).toHaveLength(1);
  expect(line).toMatch(pattern);
}

describe('bad input', () => {
  it('refuses an unknown command or flag with a usage error', async () => {
    const command = await runMona(['launch']);
    expect(command.code).toBe(2);
    expectOneLineError(command.stderr, /^mona: unknown command 'launch'/);
    const flag = await runMona(['migrate', '--colour']);
    expect(flag.code).toBe(2);
    expectOneLineError(flag.stderr, /^mona: unknown option '--colour'/);
  });

  it('stops on invalid configuration, naming key, value and what is allowed', async () => {
    const config = join(scratch, 'bad.yaml');
    writeFileSync(config, 'http:\n  port: 0\n');
    const result = await runMona(['config', 'check', '--config', config]);
    expect(result.code).toBe(1);
    expectOneLineError(
      result.stderr,
      new RegExp(
        `^mona: config: http.port = 0 \\(from file ${config}\\): must be a whole number from 1 to 65535$`,
      ),
    );
  });

  it("prints the effective configuration without the database's passwords", async () => {
    const result = await runMona(['config', 'check'], {
      DATABASE_URL: 'postgres://mona:pw-s3cret@db:5432/mona',
      MIGRATION_DATABASE_URL: 'postgres://owner:owner-s3cret@db:5432/mona',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# configuration is valid');
    expect(result.stdout).toContain('url: <hidden>');
    expect(result.stdout).toContain('migrationUrl: <hidden>');
    expect(result.stdout).not.toContain('pw-s3cret');
    expect(result.stdout).not.toContain('owner-s3cret');
  });

  it('refuses a data dir it cannot create, creating nothing', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    const result = await runMona(['migrate', '--data-dir', join(file, 'var')]);
    expect(result.code).toBe(1);
    expectOneLineError(
      result.stderr,
      /^mona: data dir .*a-file\/var cannot be created: a part of the path is a file/,
    );
  });

  it('refuses a port in use before creating anything', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = join(scratch, 'never-created');
    const result = await runMona(['start', '--port', String(port), '--data-dir', dataDir]);
    blocker.close();
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, new RegExp(`^mona: port ${port} on 127.0.0.1 is already in use`));
    expect(existsSync(dataDir)).toBe(false);
  });

  it("refuses the RD gateway's port in use before creating anything, saying how to choose another", async () => {
    const blocker: Server = createServer();
    // The gateway listens where the HTTP server does: on loopback by default.
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = join(scratch, 'never-created-either');
    const httpPort = String(await findFreePort('127.0.0.1'));
    const result = await runMona(['start', '--port', httpPort, '--data-dir', dataDir], {
      MONA_DESKTOP__RDP__GATEWAY_PORT: String(port),
    });
    blocker.close();
    expect(result.code).toBe(1);
    expectOneLineError(
      result.stderr,
      new RegExp(
        `^mona: the RD gateway cannot listen on 127.0.0.1:${port}: choose another port with desktop.rdp.gatewayPort`,
      ),
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('explains an unreachable or wrong database in one line', async () => {
    const unreachable = await runMona(['migrate'], { DATABASE_URL: 'postgres://mona:x@127.0.0.1:1/mona' });
    expect(unreachable.code).toBe(1);
    expectOneLineError(
      unreachable.stderr,
      /^mona: cannot use the database: the database server refused the connection/,
    );
    const notPostgres = await runMona(['migrate'], { DATABASE_URL: 'mysql://db/mona' });
    expect(notPostgres.code).toBe(1);
    expectOneLineError(
      notPostgres.stderr,
      /database.url = <hidden> \(from environment DATABASE_URL\): must be a postgres/,
    );
    const missing = new URL(inject('postgresUrl'));
    missing.pathname = '/no_such_database';
    const wrongDatabase = await runMona(['migrate'], { DATABASE_URL: missing.href });
    expect(wrongDatabase.code).toBe(1);
    expectOneLineError(wrongDatabase.stderr, /^mona: cannot use the database: the database does not exist: /);
    const password = new URL(inject('postgresUrl'));
    password.password = 'not-the-password';
    const wrongPassword = await runMona(['migrate'], { DATABASE_URL: password.href });
    expectOneLineError(
      wrongPassword.stderr,
      /^mona: cannot use the database: the database rejected the user name or password$/,
    );
    expect(wrongPassword.stderr).not.toContain('not-the-password');
  });

  it('refuses a second server on the same data dir', async () => {
    const dataDir = join(scratch, 'busy');
    const embedded = await startEmbedded(dataDir, () => {});
    try {
      const port = await findFreePort('127.0.0.1');
      const result = await runMona(['start', '--port', String(port), '--data-dir', dataDir]);
      expect(result.code).toBe(1);
      expectOneLineError(
        result.stderr,
        new RegExp(`in use by process ${embedded.pid} \\(is mona already running`),
      );
    } finally {
      await embedded.stop();
    }
  });
});

describe('mona admin audit verify', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    for (let n = 1; n <= 4; n += 1) {
      await testDb.db
        .transaction()
        .execute((trx) =>
          recordAudit(trx, { actor: { id: null, label: 'tester' }, action: 'test.happened', details: { n } }),
        );
    }
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const verify = () =>
    runMona(['admin', 'audit', 'verify'], {
      DATABASE_URL: testDb.url,
      MONA_DATA_DIR: join(scratch, 'unsigned'),
    });

  async function tamper(statement: string): Promise<void> {
    await testDb
      .superuser()
      .transaction()
      .execute(async (trx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
        await sql.raw(statement).execute(trx);
        await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
      });
  }

  it('passes an intact log, and records that it was verified', async () => {
    const result = await verify();
    expect(result.stdout).toMatch(
      /^audit log intact: 4 events, head [0-9a-f]{64}; no checkpoints in .*unsigned\/audit\/checkpoints\.jsonl, so a cut-off tail cannot be detected\n$/,
    );
    expect(result.code).toBe(0);
    const last = await testDb.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(last).toMatchObject({ action: 'audit.verified', actor_label: expect.stringMatching(/^cli:/) });
  });

  it('fails naming an edited event', async () => {
    await tamper(`UPDATE audit_events SET actor_label = 'someone else' WHERE seq = 2`);
    const result = await verify();
    expect(result.code).toBe(1);
    expectOneLineError(
      result.stderr,
      /^mona: audit log broken at event 2: its contents do not match its hash/,
    );
  });

  it('fails naming the event after a deleted one', async () => {
    await tamper(`UPDATE audit_events SET actor_label = 'tester' WHERE seq = 2`);
    expect((await verify()).code).toBe(0);
    await tamper('DELETE FROM audit_events WHERE seq = 3');
    const result = await verify();
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /^mona: audit log broken at event 4: it does not link to event 2/);
  });

  it('fails naming reordered events', async () => {
    await tamper('UPDATE audit_events SET seq = 3 WHERE seq = 4');
    const result = await verify();
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /^mona: audit log broken at event 3: .*reordered/);
  });
});

describe('mona admin audit keygen, checkpoint and verify', { timeout: 120_000 }, () => {
  it('signs the head with a key kept apart, and names the checkpoint a rewritten log fails', async () => {
    const testDb = await createTestDatabase();
    const keys = join(scratch, 'keys');
    const checkpoints = join(scratch, 'checkpoints.jsonl');
    const env = {
      DATABASE_URL: testDb.url,
      MONA_AUDIT__CHECKPOINTS__KEY_FILE: join(keys, 'checkpoint.pem'),
      MONA_AUDIT__CHECKPOINTS__FILE: checkpoints,
    };
    try {
      const keygen = await runMona(['admin', 'audit', 'keygen', '--out', join(keys, 'checkpoint.pem')]);
      expect(keygen.stdout).toMatch(
        /^wrote the signing key .*checkpoint\.pem \(key [0-9a-f]{16}\) and its public key .*checkpoint\.pem\.pub\n/,
      );
      expect(statSync(join(keys, 'checkpoint.pem')).mode & 0o777).toBe(0o600);
      const again = await runMona(['admin', 'audit', 'keygen', '--out', join(keys, 'checkpoint.pem')]);
      expectOneLineError(again.stderr, /checkpoint\.pem exists: a key is never replaced/);

      for (let n = 1; n <= 3; n += 1) {
        await testDb.db.transaction().execute((trx) =>
          recordAudit(trx, {
            actor: { id: null, label: 'tester' },
            action: 'test.happened',
            details: { n },
          }),
        );
      }
      const signed = await runMona(['admin', 'audit', 'checkpoint'], env);
      expect(signed.stdout).toMatch(
        /^\{"seq":3,"hash":"[0-9a-f]{64}","at":"[^"]+","key":"[0-9a-f]{16}","signature":"[^"]+"\}\nappended to /,
      );
      const intact = await runMona(['admin', 'audit', 'verify'], env);
      expect(intact.stdout).toMatch(
        /^audit log intact: 3 events, head [0-9a-f]{64}; 1 checkpoint in .*checkpoints\.jsonl holds\n$/,
      );

      await rewriteAuditEvent(testDb.superuser(), 1, { n: 99 });
      const rewritten = await runMona(
        ['admin', 'audit', 'verify', '--public-key', join(keys, 'checkpoint.pem.pub')],
        env,
      );
      expect(rewritten.code).toBe(1);
      expectOneLineError(
        rewritten.stderr,
        /^mona: audit log fails the checkpoint on line 1 of .*checkpoints\.jsonl \(event 3, signed at [^)]+\): event 3 no longer has the hash it signed: the log was rewritten$/,
      );
    } finally {
      await testDb.drop();
    }
  });
});

describe('mona admin demo', () => {
  it('adds the demo installation once', async () => {
    const testDb = await createTestDatabase();
    const env = {
      DATABASE_URL: testDb.url,
      MONA_VAULT__ROOT: join(scratch, 'vault'),
      MONA_DEMO__PERSONS: '100',
    };
    try {
      const first = await runMona(['admin', 'demo'], env);
      expect(first.stdout).toBe(
        'added Demo University, project P0001 with 100 synthetic persons, and 4 accounts\n',
      );
      expect(
        existsSync(join(scratch, 'vault', 'projects', 'P0001', 'P0001_Data', 'demo_persons.parquet')),
      ).toBe(true);
      const second = await runMona(['admin', 'demo'], env);
      expect(second.stdout).toBe('the demo data are already in place\n');
      expect(second.code).toBe(0);
    } finally {
      await testDb.drop();
    }
  });
});

describe('mona admin user create and terms publish', () => {
  let testDb: TestDatabase;
  let catcher: SmtpCatcher;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
    catcher = await startSmtpCatcher();
    env = {
      DATABASE_URL: testDb.url,
      MONA_MAIL__SMTP__HOST: '127.0.0.1',
      MONA_MAIL__SMTP__PORT: String(catcher.port),
    };
  });
  afterAll(async () => {
    await catcher.close();
    await testDb.drop();
  });

  it('creates the account, writes the letter for registered post and mails the link', async () => {
    const letters = join(scratch, 'letters');
    const result = await runMona(
      [
        'admin',
        'user',
        'create',
        '--username',
        'hanna',
        '--name',
        'Hanna Holm',
        '--email',
        'hanna@mona.test',
        '--role',
        'support',
        '--letter-dir',
        letters,
      ],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const letter = /initial-password letter: (\S+\.pdf)/.exec(result.stdout)?.[1] as string;
    expect(statSync(letter).mode & 0o777).toBe(0o600);
    expect(readFileSync(letter).subarray(0, 5).toString()).toBe('%PDF-');
    const mail = await catcher.waitFor((m) => m.to.includes('hanna@mona.test'), 5000);
    expect(mail.text).toContain('hanna');
    expect(mail.text).toMatch(/http:\/\/127\.0\.0\.1:8080\/link-account\?token=[\w-]{43}/);
    const user = await testDb.db
      .selectFrom('users')
      .select(['state', 'login_method'])
      .where('username', '=', 'hanna')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ state: 'invited', login_method: 'none' });
  });

  it('refuses a taken username, a bad e-mail address or role, creating nothing', async () => {
    const taken = await runMona(
      ['admin', 'user', 'create', '--username', 'hanna', '--name', 'H', '--email', 'h@mona.test'],
      env,
    );
    expect(taken.code).toBe(1);
    expectOneLineError(taken.stderr, /^mona: username hanna is already taken$/);
    const badMail = await runMona(
      ['admin', 'user', 'create', '--username', 'ivar', '--name', 'I', '--email', 'not-mail'],
      env,
    );
    expectOneLineError(badMail.stderr, /^mona: "not-mail" is not an e-mail address$/);
    const badRole = await runMona(
      [
        'admin',
        'user',
        'create',
        '--username',
        'ivar',
        '--name',
        'I',
        '--email',
        'i@mona.test',
        '--role',
        'god',
      ],
      env,
    );
    expect(badRole.code).toBe(2);
    expect(await testDb.db.selectFrom('users').select('id').where('username', '=', 'ivar').execute()).toEqual(
      [],
    );
  });

  it('says how to send mail when there is no way to', async () => {
    const result = await runMona(
      ['admin', 'user', 'create', '--username', 'jon', '--name', 'J', '--email', 'j@mona.test'],
      {
        DATABASE_URL: testDb.url,
        MONA_DATA_DIR: join(scratch, 'no-mail'),
      },
    );
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /^mona: no way to send mail: configure mail.smtp, or run "mona start"/);
  });

  it('publishes a new version of the terms of use', async () => {
    const en = join(scratch, 'en.md');
    const sv = join(scratch, 'sv.md');
    writeFileSync(en, '# Terms v2');
    writeFileSync(sv, '# Villkor v2');
    const args = ['admin', 'terms', 'publish', '--version', '2027-01-01', '--en', en, '--sv', sv];
    const first = await runMona(args, env);
    expect(first.stdout).toMatch(/^published terms of use 2027-01-01, in force from /);
    expect((await runMona(args, env)).stdout).toBe(
      'terms of use 2027-01-01 are already published with this text\n',
    );
    writeFileSync(en, '# Terms v2, edited');
    const changed = await runMona(args, env);
    expect(changed.code).toBe(1);
    expectOneLineError(changed.stderr, /already published with another text: publish a new version/);
  });

  it('lists, approves and rejects BankID link requests', async () => {
    expect((await runMona(['admin', 'bankid-requests', 'list'], env)).stdout).toBe('no requests\n');
    const badId = await runMona(['admin', 'bankid-requests', 'approve', 'not-an-id'], env);
    expect(badId.code).toBe(1);
    expectOneLineError(badId.stderr, /^mona: "not-an-id" is not a request id/);
    const unknown = await runMona(
      ['admin', 'bankid-requests', 'reject', '00000000-0000-4000-8000-000000000000'],
      env,
    );
    expectOneLineError(unknown.stderr, /^mona: no pending request with that id$/);

    await recordLinkRequest(testDb.db, {
      username: 'hanna',
      pinHmac: 'f'.repeat(64),
      pinMasked: '19650312-****',
      name: 'Tess Testberg',
      ip: '192.0.2.10',
      country: 'SE',
      now: new Date(),
    });
    const listed = await runMona(['admin', 'bankid-requests', 'list'], env);
    expect(listed.stdout).toMatch(
      /pending .* hanna \(account invited\) {2}BankID: Tess Testberg, 19650312-\*\*\*\* {2}from 192\.0\.2\.10 \(SE\)/,
    );
    const id = listed.stdout.split(' ')[0] as string;
    const approved = await runMona(['admin', 'bankid-requests', 'approve', id], env);
    expect(approved.stdout).toBe('linked hanna to BankID\nmail sent to hanna@mona.test\n');
    const user = await testDb.db
      .selectFrom('users')
      .select(['state', 'login_method'])
      .where('username', '=', 'hanna')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ state: 'active', login_method: 'bankid' });
  });
});

// Each step runs mona as a process of its own (tsx compiles it each time): many steps, a loaded machine.
describe('mona admin org and project', { timeout: 120_000 }, () => {
  it('creates an organisation, a project with its folders, and members; refuses bad input', async () => {
    const testDb = await createTestDatabase();
    const vault = join(scratch, 'project-vault');
    const env = { DATABASE_URL: testDb.url, MONA_VAULT__ROOT: vault, MONA_VAULT__QUOTA_IMAGES: 'false' };
    try {
      const org = await runMona(
        [
          'admin',
          'org',
          'create',
          '--name',
          'Test Uni',
          '--dpa-reference',
          'DPA-9',
          '--dpa-signed-on',
          '2026-02-01',
        ],
        env,
      );
      expect(org.stdout).toBe('created organisation Test Uni\n');
      const badDate = await runMona(
        ['admin', 'org', 'create', '--name', 'Other', '--dpa-reference', 'X', '--dpa-signed-on', '1 feb'],
        env,
      );
      expectOneLineError(
        badDate.stderr,
        /^mona: --dpa-signed-on must be a date like 2027-01-31, not "1 feb"$/,
      );

      const halfEthics = await runMona(
        [
          'admin',
          'project',
          'create',
          '--id',
          'P0042',
          '--name',
          'Cohort',
          '--org',
          'Test Uni',
          '--ethics-reference',
          'Dnr 1',
        ],
        env,
      );
      expectOneLineError(halfEthics.stderr, /^mona: sensitive data need all of --ethics-authority/);
      const badId = await runMona(
        ['admin', 'project', 'create', '--id', 'X1', '--name', 'Cohort', '--org', 'Test Uni'],
        env,
      );
      expectOneLineError(badId.stderr, /^mona: project id "X1" must look like P0001$/);

      const created = await runMona(
        [
          'admin',
          'project',
          'create',
          '--id',
          'P0042',
          '--name',
          'Cohort',
          '--org',
          'Test Uni',
          '--ethics-authority',
          'EPM',
          '--ethics-reference',
          'Dnr 1',
          '--ethics-approved-on',
          '2026-03-01',
        ],
        env,
      );
      expect(created.stderr).toBe('');
      expect(existsSync(join(vault, 'projects', 'P0042', 'P0042_Gem'))).toBe(true);

      await testDb.db
        .insertInto('users')
        .values({ username: 'cli.member', full_name: 'C M', email: 'cm@mona.test' })
        .execute();
      const added = await runMona(
        ['admin', 'project', 'add-member', 'P0042', 'cli.member', '--role', 'principal'],
        env,
      );
      expect(added.stdout).toBe('cli.member is now the principal user of P0042\n');
      expect(existsSync(join(vault, 'home', 'cli.member', 'My Documents', 'InBox'))).toBe(true);
      expect((await runMona(['admin', 'project', 'list'], env)).stdout).toBe(
        'P0042  Cohort  (Test Uni)  members 1  sensitive\n',
      );
      const removed = await runMona(['admin', 'project', 'remove-member', 'P0042', 'cli.member'], env);
      expect(removed.stdout).toBe('cli.member is no longer a member of P0042\n');
    } finally {
      await testDb.drop();
      if (process.getuid?.() === 0) {
        await runCommand('userdel', ['m-cli_member']).catch(() => {});
        for (const group of ['m-cli_member', 'mona-p0042'])
          await runCommand('groupdel', [group]).catch(() => {});
      }
    }
  });
});

describe('mona admin notice', { timeout: 120_000 }, () => {
  it('adds, lists and removes notices and closures, refusing half a closure', async () => {
    const testDb = await createTestDatabase();
    const env = { DATABASE_URL: testDb.url };
    try {
      const half = await runMona(
        ['admin', 'notice', 'add', '--en', 'x', '--sv', 'x', '--closed-from', '2027-01-01T10:00Z'],
        env,
      );
      expectOneLineError(half.stderr, /^mona: a closure needs both --closed-from and --closed-until$/);
      const badTime = await runMona(
        ['admin', 'notice', 'add', '--en', 'x', '--sv', 'x', '--from', 'friday'],
        env,
      );
      expectOneLineError(badTime.stderr, /^mona: --from "friday" is not a time/);
      const closure = await runMona(
        [
          'admin',
          'notice',
          'add',
          '--en',
          'Closed',
          '--sv',
          'Stängt',
          '--closed-from',
          '2099-01-01T13:00Z',
          '--closed-until',
          '2099-01-01T21:00Z',
        ],
        env,
      );
      const id = /^added notice (\S+)$/m.exec(closure.stdout)?.[1] as string;
      expect((await runMona(['admin', 'notice', 'list'], env)).stdout).toContain(
        'CLOSED 2099-01-01T13:00:00.000Z - 2099-01-01T21:00:00.000Z  Closed',
      );
      expect((await runMona(['admin', 'notice', 'remove', id], env)).stdout).toBe('notice removed\n');
      expect((await runMona(['admin', 'notice', 'list'], env)).stdout).toBe('no notices\n');
    } finally {
      await testDb.drop();
    }
  });
});
