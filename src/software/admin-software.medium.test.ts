import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestProject } from '../../test/projects.js';
import { type MonaResult, runMona } from '../../test/run-mona.js';
import { checkOutLicence } from './software-service.js';

let testDb: TestDatabase;
const software = (...args: string[]) => runMona(['admin', 'software', ...args], { DATABASE_URL: testDb.url });

/** Failed with `code`, saying what is wrong in one line on standard error. */
function expectRefusal(result: MonaResult, code: number, line: string | RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  if (typeof line === 'string') expect(result.stderr).toBe(`mona: ${line}\n`);
  else expect(result.stderr).toMatch(line);
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await createTestProject(testDb.db, 'P0001');
});
afterAll(async () => {
  await testDb.drop();
});

// Each run starts mona from source, a few seconds of CPU; several run at once here.
describe('mona admin software', { timeout: 120_000 }, () => {
  it('adds programs given as argv or as one command line', async () => {
    const [r, gnumeric, tool] = await Promise.all([
      software(
        'add',
        'r',
        '--name',
        'R',
        '--description',
        'R in a terminal',
        '--description-sv',
        'R i ett terminalfönster',
        '--command-line',
        'xterm -e /usr/bin/R',
      ),
      software('add', 'gnumeric', '--name', 'Gnumeric', '--command', '/usr/bin/gnumeric', '--seats', '2'),
      software(
        'add',
        'tool',
        '--name',
        'Tool',
        '--unlisted',
        '--command-line',
        `xterm -e '/opt/My Tool/run'`,
      ),
    ]);
    expect(r.stdout).toBe('added r: xterm -e /usr/bin/R\n');
    expect(gnumeric.stdout).toBe('added gnumeric: /usr/bin/gnumeric\n');
    expect(tool.stdout).toBe("added tool: xterm -e '/opt/My Tool/run'\n");
    const row = await testDb.db
      .selectFrom('software')
      .selectAll()
      .where('id', '=', 'tool')
      .executeTakeFirst();
    expect(row).toMatchObject({ command: ['xterm', '-e', '/opt/My Tool/run'], seats: null, listed: false });
    const rRow = await testDb.db.selectFrom('software').selectAll().where('id', '=', 'r').executeTakeFirst();
    expect(rRow).toMatchObject({ description: 'R in a terminal', description_sv: 'R i ett terminalfönster' });
  });

  it('refuses bad input in one line: usage errors with 2, others with 1', async () => {
    const [noCommand, both, taken, unclosed, badSeats, badId] = await Promise.all([
      software('add', 'x', '--name', 'X'),
      software('add', 'x', '--name', 'X', '--command', '/bin/x', '--command-line', '/bin/x'),
      software('add', 'r', '--name', 'R again', '--command', '/bin/true'),
      software('add', 'y', '--name', 'Y', '--command-line', "a 'b"),
      software('add', 'z', '--name', 'Z', '--command', '/bin/z', '--seats', 'many'),
      software('add', 'Big', '--name', 'Big', '--command', '/bin/big'),
    ]);
    const eitherCommand = 'give the program as either --command <argv...> or --command-line "<line>"';
    expectRefusal(noCommand, 2, eitherCommand);
    expectRefusal(both, 2, eitherCommand);
    expectRefusal(taken, 1, 'software r exists already');
    expectRefusal(unclosed, 1, "--command-line has an unclosed '");
    expectRefusal(
      badSeats,
      2,
      /^mona: option '--seats <n>' argument 'many' is invalid\. must be a whole number/,
    );
    expectRefusal(badId, 1, /^mona: software id "Big" must be 1-32 lower-case letters/);
    const ids = await testDb.db.selectFrom('software').select('id').orderBy('id').execute();
    expect(ids.map((s) => s.id)).toEqual(['gnumeric', 'r', 'tool']);
  });

  it('grants, changes seats and lists', async () => {
    const [grantR, grantGnumeric, seats, unlimited, noProject, noSoftware, badSeats] = await Promise.all([
      software('grant', 'P0001', 'r'),
      software('grant', 'P0001', 'gnumeric'),
      software('seats', 'gnumeric', '3'),
      software('seats', 'tool', 'unlimited'),
      software('grant', 'P0009', 'r'),
      software('grant', 'P0001', 'stata'),
      software('seats', 'gnumeric', 'lots'),
    ]);
    expect(grantR.stdout).toBe('P0001 now has r\n');
    expect(grantGnumeric.stdout).toBe('P0001 now has gnumeric\n');
    expect(seats.stdout).toBe('gnumeric now has 3 seats\n');
    expect(unlimited.stdout).toBe('tool now has unlimited seats\n');
    expectRefusal(noProject, 1, 'no project P0009');
    expectRefusal(noSoftware, 1, 'no software stata');
    expectRefusal(badSeats, 2, /^mona: command-argument value 'lots' is invalid for argument 'seats'/);

    expect((await software('grant', 'P0001', 'r')).stdout).toBe('P0001 already has r\n');
    expect((await software('list')).stdout).toBe(
      [
        'ID        NAME      IN USE  SEATS      CATALOGUE  PROJECTS  COMMAND',
        'gnumeric  Gnumeric  0       3          listed     P0001     /usr/bin/gnumeric',
        'r         R         0       unlimited  listed     P0001     xterm -e /usr/bin/R',
        "tool      Tool      0       unlimited  unlisted   -         xterm -e '/opt/My Tool/run'",
        '',
      ].join('\n'),
    );
  });

  it('shows leases, and removes software only once no project has it', async () => {
    expect((await software('leases')).stdout).toBe('no leases\n');
    const { id: userId } = await testDb.db
      .insertInto('users')
      .values({ username: 'anna', full_name: 'Anna', email: 'anna@mona.test', state: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await testDb.db.insertInto('project_members').values({ project_id: 'P0001', user_id: userId }).execute();
    await testDb.db
      .insertInto('session_hosts')
      .values({ name: 'host-1', secret_sha256: Buffer.alloc(32) })
      .execute();
    const session = await testDb.db
      .insertInto('desktop_sessions')
      .values({
        user_id: userId,
        host_name: 'host-1',
        state: 'running',
        vnc_password: 'abcd1234',
        started_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lease = await checkOutLicence(
      testDb.db,
      { softwareId: 'gnumeric', sessionId: session.id, userId },
      new Date(),
    );
    expect(lease.leased).toBe(true);
    const [live, list, stillGranted] = await Promise.all([
      software('leases', '--live'),
      software('list'),
      software('remove', 'r'),
    ]);
    expect(live.stdout).toMatch(
      /^SOFTWARE +USER +CHECKED OUT +RETURNED +SESSION +LEASE\ngnumeric +anna +\S+Z +in use +/,
    );
    expect(list.stdout).toMatch(/\ngnumeric +Gnumeric +1 +3 /);
    expectRefusal(stillGranted, 1, 'r is still granted to P0001: revoke it first');

    expect((await software('revoke', 'P0001', 'r')).stdout).toBe('P0001 no longer has r\n');
    const [revokedAgain, removed] = await Promise.all([
      software('revoke', 'P0001', 'r'),
      software('remove', 'r'),
    ]);
    expectRefusal(revokedAgain, 1, 'P0001 does not have r');
    expect(removed.stdout).toBe('removed r\n');
    expectRefusal(await software('remove', 'r'), 1, 'no software r');
  });
});
