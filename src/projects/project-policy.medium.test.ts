import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { twoProjectsApart } from '../../test/projects.js';
import { authorizeProjectMember } from './project-policy.js';

let testDb: TestDatabase;
let alice: string;
let bob: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  ({ alice, bob } = await twoProjectsApart(testDb.db, 'principal'));
});
afterAll(() => testDb.drop());

const refusal = { code: 'NOT_FOUND' };

describe('the project membership policy', () => {
  it('lets members act in their own project', async () => {
    await expect(authorizeProjectMember(testDb.db, alice, 'P1001')).resolves.toBeUndefined();
    await expect(authorizeProjectMember(testDb.db, bob, 'P1002')).resolves.toBeUndefined();
  });

  it("refuses another project's members as if the project did not exist", async () => {
    await expect(authorizeProjectMember(testDb.db, alice, 'P1002')).rejects.toMatchObject(refusal);
    await expect(authorizeProjectMember(testDb.db, bob, 'P1001')).rejects.toMatchObject(refusal);
  });

  it('answers a project that does not exist, and a user who does not, the same way', async () => {
    await expect(authorizeProjectMember(testDb.db, alice, 'P9999')).rejects.toMatchObject(refusal);
    await expect(
      authorizeProjectMember(testDb.db, '00000000-0000-4000-8000-000000000000', 'P1001'),
    ).rejects.toMatchObject(refusal);
  });
});
