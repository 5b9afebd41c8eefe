import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { verifyAuditChain } from '../audit/audit-verification.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { isDemoSeeded, seedDemo } from './seed-demo.js';

let testDb: TestDatabase;
let vaultRoot: string;
beforeEach(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  vaultRoot = mkdtempSync(join(tmpdir(), 'mona-vault-'));
});
afterEach(async () => {
  await testDb.drop();
  rmSync(vaultRoot, { recursive: true, force: true });
});

describe('seedDemo', () => {
  it('creates the organisation, project, accounts and data, every step audited', async () => {
    expect(await isDemoSeeded(testDb.db)).toBe(false);
    const summary = await seedDemo(testDb.db, {
      dataDir: null,
      vaultRoot,
      persons: 1000,
      seed: 1,
      actor: SYSTEM_ACTOR,
    });
    expect(await isDemoSeeded(testDb.db)).toBe(true);

    expect(summary).toMatchObject({ organisation: 'Demo University', projectId: 'P0001', persons: 1000 });
    for (const name of ['demo_persons.csv', 'demo_persons.parquet']) {
      expect(existsSync(join(vaultRoot, 'projects', 'P0001', 'P0001_Data', name))).toBe(true);
    }

    const users = await testDb.db
      .selectFrom('users')
      .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(['username', 'role', 'state'])
      .orderBy('username')
      .execute();
    expect(users).toEqual([
      { username: 'demo.operator', role: 'operator', state: 'active' },
      { username: 'demo.researcher', role: null, state: 'active' },
      { username: 'demo.reviewer', role: 'reviewer', state: 'active' },
      { username: 'demo.support', role: 'support', state: 'active' },
    ]);
    const members = await testDb.db
      .selectFrom('project_members')
      .innerJoin('users', 'users.id', 'project_members.user_id')
      .select(['project_id', 'username', 'role'])
      .execute();
    expect(members).toEqual([{ project_id: 'P0001', username: 'demo.researcher', role: 'member' }]);

    const actions = await testDb.db.selectFrom('audit_events').select('action').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'organisation.created',
        'project.created',
        'user.created',
        'project.data_delivered',
      ]),
    );
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true });
  });

  it('leaves no rows and no audit events when the transaction fails', async () => {
    await seedDemo(testDb.db, { dataDir: null, vaultRoot, persons: 100, seed: 1, actor: SYSTEM_ACTOR });
    const before = await testDb.db.selectFrom('audit_events').select('seq').execute();
    // A second seeding collides with the first and must change nothing.
    await expect(
      seedDemo(testDb.db, { dataDir: null, vaultRoot, persons: 100, seed: 1, actor: SYSTEM_ACTOR }),
    ).rejects.toThrow();
    expect(await testDb.db.selectFrom('audit_events').select('seq').execute()).toEqual(before);
    expect(await testDb.db.selectFrom('organisations').select('id').execute()).toHaveLength(1);
  });
});
