import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { twoProjectsApart } from '../../test/projects.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { addMember, removeMember } from '../projects/project-service.js';
import { authorizeSoftwareUse, mayUseSoftware } from './software-policy.js';
import { addSoftware, grantSoftware } from './software-service.js';

let testDb: TestDatabase;
let alice: string;
let bob: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  ({ alice, bob } = await twoProjectsApart(testDb.db));
  for (const id of ['stata', 'spss']) {
    await addSoftware(
      testDb.db,
      {
        id,
        name: id.toUpperCase(),
        description: { en: '', sv: '' },
        command: [`/usr/bin/${id}`],
        seats: null,
        listed: true,
      },
      SYSTEM_ACTOR,
    );
  }
  await grantSoftware(testDb.db, 'P1001', 'stata', SYSTEM_ACTOR);
  await grantSoftware(testDb.db, 'P1002', 'spss', SYSTEM_ACTOR);
});
afterAll(() => testDb.drop());

const refusal = { code: 'NOT_FOUND' };

describe('the software entitlement policy', () => {
  it('lets a user run what their own project ordered', async () => {
    expect(await mayUseSoftware(testDb.db, alice, 'stata')).toBe(true);
    await expect(authorizeSoftwareUse(testDb.db, alice, 'stata')).resolves.toBeUndefined();
    await expect(authorizeSoftwareUse(testDb.db, bob, 'spss')).resolves.toBeUndefined();
  });

  it('refuses what only another project ordered, as if it did not exist', async () => {
    expect(await mayUseSoftware(testDb.db, alice, 'spss')).toBe(false);
    await expect(authorizeSoftwareUse(testDb.db, alice, 'spss')).rejects.toMatchObject(refusal);
    await expect(authorizeSoftwareUse(testDb.db, bob, 'stata')).rejects.toMatchObject(refusal);
  });

  it('answers unknown software the same way', async () => {
    await expect(authorizeSoftwareUse(testDb.db, alice, 'matlab')).rejects.toMatchObject(refusal);
  });

  it('follows membership: a user who leaves the project loses its software', async () => {
    await addMember(testDb.db, 'P1001', 'bob', 'member', SYSTEM_ACTOR);
    await expect(authorizeSoftwareUse(testDb.db, bob, 'stata')).resolves.toBeUndefined();
    await removeMember(testDb.db, 'P1001', 'bob', SYSTEM_ACTOR);
    await expect(authorizeSoftwareUse(testDb.db, bob, 'stata')).rejects.toMatchObject(refusal);
  });
});
