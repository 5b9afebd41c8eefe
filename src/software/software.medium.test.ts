import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestProject } from '../../test/projects.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { connect, type Db } from '../db/connect.js';
import { addMember, createOrganisation, createProject } from '../projects/project-service.js';
import { seedDemoSoftware } from './demo-software.js';
import {
  addSoftware,
  checkOutLicence,
  entitledSoftware,
  grantSoftware,
  listSoftware,
  type NewSoftware,
  publishedCatalogue,
  removeSoftware,
  returnLicence,
  returnSessionLicences,
  revokeSoftware,
  updateSeats,
} from './software-service.js';

let testDb: TestDatabase;
let db: Db;
const now = new Date('2027-03-01T12:00:00Z');
const users = new Map<string, string>();

async function researcher(username: string, projects: string[]): Promise<string> {
  const { id } = await db
    .insertInto('users')
    .values({ username, full_name: `Test ${username}`, email: `${username}@mona.test`, state: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const project of projects) await addMember(db, project, username, 'member', SYSTEM_ACTOR);
  users.set(username, id);
  return id;
}

async function startSession(username: string): Promise<string> {
  const { id } = await db
    .insertInto('desktop_sessions')
    .values({
      user_id: users.get(username) as string,
      host_name: 'host-1',
      state: 'running',
      vnc_password: 'abcd1234',
      started_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function program(id: string, name: string, seats: number | null, listed = true): NewSoftware {
  return {
    id,
    name,
    description: { en: `${name}, for tests`, sv: `${name}, för tester` },
    command: [`/usr/bin/${id}`, '--flag'],
    seats,
    listed,
  };
}

const add = (software: NewSoftware) => addSoftware(db, software, SYSTEM_ACTOR);
const grant = (project: string, software: string) => grantSoftware(db, project, software, SYSTEM_ACTOR);
const checkOut = (softwareId: string, sessionId: string, username: string) =>
  checkOutLicence(db, { softwareId, sessionId, userId: users.get(username) as string }, now);

async function auditOf(action: string) {
  return db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await createOrganisation(
    db,
    { name: 'Test Uni', publicAuthority: false, dpaReference: 'DPA-1', dpaSignedOn: '2026-01-01' },
    SYSTEM_ACTOR,
  );
  for (const id of ['P0001', 'P0002', 'P0003'])
    await createProject(
      db,
      { id, name: `Project ${id}`, organisation: 'Test Uni', uploadReview: false },
      SYSTEM_ACTOR,
    );
  await db
    .insertInto('session_hosts')
    .values({ name: 'host-1', secret_sha256: Buffer.alloc(32) })
    .execute();
  await researcher('anna', ['P0001']);
  await researcher('bo', ['P0002']);
  await researcher('cleo', ['P0001', 'P0002']);
  await researcher('dan', []);
});
afterAll(async () => {
  await testDb.drop();
});

describe('the catalogue (R19)', () => {
  it('adds software, refusing duplicates and bad input with one clear line', async () => {
    await add(program('stata', 'Stata', 4));
    await expect(add(program('stata', 'Stata 2', null))).rejects.toThrow('software stata exists already');
    await expect(add(program('stata2', 'Stata', null))).rejects.toThrow(
      'software stata is already named "Stata"',
    );
    await expect(add(program('Stata', 'X', null))).rejects.toThrow(
      'software id "Stata" must be 1-32 lower-case',
    );
    await expect(add({ ...program('empty', 'Empty', null), command: [] })).rejects.toThrow(
      'the command must be a program',
    );
    await expect(add(program('neg', 'Negative', -1))).rejects.toThrow('seats must be a whole number');
    await expect(updateSeats(db, 'nothing', 3, SYSTEM_ACTOR)).rejects.toThrow('no software nothing');
    expect((await listSoftware(db)).map((s) => s.id)).toEqual(['stata']);
  });

  it('publishes the listed software only, without how it is started', async () => {
    await add(program('secret-tool', 'Secret tool', null, false));
    expect(await publishedCatalogue(db)).toEqual([
      {
        id: 'stata',
        name: 'Stata',
        description: { en: 'Stata, for tests', sv: 'Stata, för tester' },
        seats: 4,
      },
    ]);
  });

  it('grants to a project once, and refuses unknown projects and software', async () => {
    expect(await grant('P0001', 'stata')).toBe(true);
    expect(await grant('P0001', 'stata')).toBe(false);
    await expect(grant('P0099', 'stata')).rejects.toThrow('no project P0099');
    await expect(grant('P0001', 'nothing')).rejects.toThrow('no software nothing');
    await expect(revokeSoftware(db, 'P0002', 'stata', SYSTEM_ACTOR)).rejects.toThrow(
      'P0002 does not have stata',
    );
    expect((await listSoftware(db)).find((s) => s.id === 'stata')).toMatchObject({
      projects: ['P0001'],
      inUse: 0,
    });
    expect(await auditOf('software.granted')).toEqual([
      expect.objectContaining({ target_id: 'stata', project_id: 'P0001', details: { name: 'Stata' } }),
    ]);
  });

  it('refuses to remove software while a project has it or a seat is in use', async () => {
    await add(program('spss', 'SPSS', 1));
    await grant('P0001', 'spss');
    await expect(removeSoftware(db, 'spss', SYSTEM_ACTOR)).rejects.toThrow(
      'spss is still granted to P0001: revoke it first',
    );
    const session = await startSession('anna');
    const lease = await checkOut('spss', session, 'anna');
    await revokeSoftware(db, 'P0001', 'spss', SYSTEM_ACTOR);
    await expect(removeSoftware(db, 'spss', SYSTEM_ACTOR)).rejects.toThrow('spss has 1 licence(s) in use');
    expect(await returnSessionLicences(db, session, 'logout', now)).toBe(1);
    await removeSoftware(db, 'spss', SYSTEM_ACTOR);
    await expect(removeSoftware(db, 'spss', SYSTEM_ACTOR)).rejects.toThrow('no software spss');
    expect(lease.leased).toBe(true);
    expect((await auditOf('software.removed')).map((e) => e.target_id)).toEqual(['spss']);
    await endSession(session);
  });
});

async function endSession(id: string): Promise<void> {
  await db
    .updateTable('desktop_sessions')
    .set({ state: 'ended', ended_at: now, end_reason: 'logout' })
    .where('id', '=', id)
    .execute();
}

describe('entitlements (R19)', () => {
  it("shows the union of the user's projects' software, by name, and nothing to others", async () => {
    await add(program('r', 'R', null));
    await add(program('python', 'Python', null));
    await grant('P0001', 'r');
    await grant('P0002', 'r');
    await grant('P0002', 'python');
    await grant('P0002', 'secret-tool');
    const cleo = await entitledSoftware(db, users.get('cleo') as string);
    expect(cleo).toEqual([
      { id: 'python', name: 'Python', command: ['/usr/bin/python', '--flag'], seats: null },
      { id: 'r', name: 'R', command: ['/usr/bin/r', '--flag'], seats: null },
      { id: 'secret-tool', name: 'Secret tool', command: ['/usr/bin/secret-tool', '--flag'], seats: null },
      { id: 'stata', name: 'Stata', command: ['/usr/bin/stata', '--flag'], seats: 4 },
    ]);
    expect((await entitledSoftware(db, users.get('anna') as string)).map((s) => s.id)).toEqual([
      'r',
      'stata',
    ]);
    expect(await entitledSoftware(db, users.get('dan') as string)).toEqual([]);
  });

  it('refuses a licence for software the user is not entitled to', async () => {
    const session = await startSession('dan');
    expect(await checkOut('r', session, 'dan')).toEqual({
      leased: false,
      message: 'R is not available in your projects.',
    });
    expect(await checkOut('nothing', session, 'dan')).toEqual({
      leased: false,
      message: 'There is no program "nothing" in the catalogue.',
    });
    // Unlimited software always leases to the entitled.
    const anna = await startSession('anna');
    expect(await checkOut('r', anna, 'anna')).toMatchObject({ leased: true });
    expect(await returnSessionLicences(db, anna, 'logout', now)).toBe(1);
    await endSession(anna);
    await endSession(session);
  });
});

describe('licence seats (R28)', () => {
  it('gives out as many seats as there are, says so when none is free, and frees a seat on return', async () => {
    await add(program('gnumeric', 'Gnumeric', 2));
    await grant('P0001', 'gnumeric');
    await grant('P0002', 'gnumeric');
    const [anna, bo, cleo] = [
      await startSession('anna'),
      await startSession('bo'),
      await startSession('cleo'),
    ];
    const first = await checkOut('gnumeric', anna, 'anna');
    expect(await checkOut('gnumeric', bo, 'bo')).toMatchObject({ leased: true });
    expect(await checkOut('gnumeric', cleo, 'cleo')).toEqual({
      leased: false,
      message: 'No free licence for Gnumeric right now: all 2 are in use. Try again later.',
    });
    expect((await listSoftware(db)).find((s) => s.id === 'gnumeric')?.inUse).toBe(2);
    if (!first.leased) throw new Error('the first checkout was refused');

    expect(await returnLicence(db, first.leaseId, anna, 'exited', now)).toBe(true);
    expect(await returnLicence(db, first.leaseId, anna, 'exited', now)).toBe(false);
    expect(await checkOut('gnumeric', cleo, 'cleo')).toMatchObject({ leased: true });

    await updateSeats(db, 'gnumeric', 1, SYSTEM_ACTOR);
    expect(await checkOut('gnumeric', anna, 'anna')).toEqual({
      leased: false,
      message: 'No free licence for Gnumeric right now: the only one is in use. Try again later.',
    });
    await updateSeats(db, 'gnumeric', null, SYSTEM_ACTOR);
    expect(await checkOut('gnumeric', anna, 'anna')).toMatchObject({ leased: true });

    expect(await auditOf('licence.refused')).toContainEqual(
      expect.objectContaining({
        actor_id: users.get('cleo'),
        actor_label: 'cleo',
        target_id: 'gnumeric',
        details: { reason: 'no-free-seat', session: cleo },
      }),
    );
    expect(await auditOf('software.seats_changed')).toEqual([
      expect.objectContaining({ details: { from: 2, to: 1, inUse: 2 } }),
      expect.objectContaining({ details: { from: 1, to: null, inUse: 2 } }),
    ]);
    for (const session of [anna, bo, cleo]) {
      await returnSessionLicences(db, session, 'logout', now);
      await endSession(session);
    }
  });

  it('never gives out more seats than there are, however many ask at once', async () => {
    await add(program('matlab', 'MATLAB', 3));
    await grant('P0003', 'matlab');
    const sessions: [string, string][] = [];
    for (let n = 0; n < 10; n += 1) {
      await researcher(`crowd${n}`, ['P0003']);
      sessions.push([`crowd${n}`, await startSession(`crowd${n}`)]);
    }
    const wide = connect(testDb.url, 10);
    try {
      const results = await Promise.all(
        sessions.map(([username, session]) =>
          checkOutLicence(
            wide,
            { softwareId: 'matlab', sessionId: session, userId: users.get(username) as string },
            now,
          ),
        ),
      );
      expect(results.filter((r) => r.leased)).toHaveLength(3);
      expect(results.filter((r) => !r.leased)).toHaveLength(7);
    } finally {
      await wide.destroy();
    }
    const live = await db
      .selectFrom('licence_leases')
      .select('id')
      .where('software_id', '=', 'matlab')
      .where('returned_at', 'is', null)
      .execute();
    expect(live).toHaveLength(3);
  });

  it("returns a lease only for its own session, and all of a session's leases when it ends", async () => {
    await researcher('eva', ['P0001']);
    const eva = await startSession('eva');
    const anna = await startSession('anna');
    const r = await checkOut('r', eva, 'eva');
    const stata = await checkOut('stata', eva, 'eva');
    if (!r.leased || !stata.leased) throw new Error('a checkout was refused');
    expect(await returnLicence(db, r.leaseId, anna, 'exited', now)).toBe(false);
    expect(await returnLicence(db, 'not-a-uuid', eva, 'exited', now)).toBe(false);
    const live = () =>
      db
        .selectFrom('licence_leases')
        .select('id')
        .where('session_id', '=', eva)
        .where('returned_at', 'is', null);
    expect(await live().execute()).toHaveLength(2);

    expect(await returnSessionLicences(db, eva, 'logout', now)).toBe(2);
    expect(await returnSessionLicences(db, eva, 'logout', now)).toBe(0);
    expect(await live().execute()).toHaveLength(0);
    expect(await auditOf('licence.returned')).toContainEqual(
      expect.objectContaining({
        target_id: stata.leaseId,
        details: { software: 'stata', session: eva, user: users.get('eva'), reason: 'logout' },
      }),
    );
    expect(await auditOf('licence.checked_out')).toContainEqual(
      expect.objectContaining({
        actor_label: 'eva',
        target_id: r.leaseId,
        details: { software: 'r', session: eva, inUse: 1, seats: null },
      }),
    );
    await endSession(anna);
    await endSession(eva);
  });

  it("refuses a lease for an ended session or another user's", async () => {
    const anna = await startSession('anna');
    await expect(checkOut('r', anna, 'cleo')).rejects.toThrow(`no live desktop session ${anna} of that user`);
    await endSession(anna);
    await expect(checkOut('r', anna, 'anna')).rejects.toThrow('no live desktop session');
  });
});

describe('the demo catalogue', () => {
  it('adds R, Python and Gnumeric once and grants them, also inside a transaction', async () => {
    const fresh = await createTestDatabase();
    try {
      await createTestProject(fresh.db, 'P0001');
      await fresh.db.transaction().execute((trx) => seedDemoSoftware(trx, 'P0001', SYSTEM_ACTOR));
      await seedDemoSoftware(fresh.db, 'P0001', SYSTEM_ACTOR);
      expect((await listSoftware(fresh.db)).map((s) => [s.id, s.name, s.seats, s.projects])).toEqual([
        ['gnumeric', 'Gnumeric spreadsheet', 2, ['P0001']],
        ['python', 'Python with pandas', null, ['P0001']],
        ['r', 'R', null, ['P0001']],
      ]);
      const added = await fresh.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'like', 'software.%')
        .execute();
      expect(added.map((e) => e.action).sort()).toEqual([
        ...Array(3).fill('software.added'),
        ...Array(3).fill('software.granted'),
      ]);
    } finally {
      await fresh.drop();
    }
  });
});
