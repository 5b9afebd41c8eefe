import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { projectDataDir } from '../storage/vault-paths.js';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION, DEMO_PROJECT } from './demo-fixture.js';
import { writeSyntheticPersons } from './synthetic-persons.js';

export interface DemoSummary {
  organisation: string;
  projectId: string;
  projectName: string;
  persons: number;
  files: string[];
}

export async function isDemoSeeded(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('projects')
    .select('id')
    .where('id', '=', DEMO_PROJECT.id)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Puts the demo organisation, project, accounts and synthetic register data in
 * place. The files are written first (atomically, and again identically on a
 * retry), then every row and its audit event in one transaction.
 */
export async function seedDemo(
  db: Db,
  options: { vaultRoot: string; persons: number; seed: number; actor: Actor },
): Promise<DemoSummary> {
  const dataDir = projectDataDir(options.vaultRoot, DEMO_PROJECT.id);
  const files = await writeSyntheticPersons(dataDir, { persons: options.persons, seed: options.seed });

  await db.transaction().execute(async (trx) => {
    const audit = (action: string, target: { type: string; id: string }, details: Record<string, unknown>) =>
      recordAudit(trx, { actor: options.actor, action, target, details, projectId: DEMO_PROJECT.id });

    const organisation = await trx
      .insertInto('organisations')
      .values(DEMO_ORGANISATION)
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      'organisation.created',
      { type: 'organisation', id: organisation.id },
      { name: DEMO_ORGANISATION.name },
    );

    await trx
      .insertInto('projects')
      .values({ ...DEMO_PROJECT, organisation_id: organisation.id })
      .execute();
    await audit('project.created', { type: 'project', id: DEMO_PROJECT.id }, { name: DEMO_PROJECT.name });

    for (const account of DEMO_ACCOUNTS) {
      const user = await trx
        .insertInto('users')
        .values({ username: account.username, full_name: account.full_name, email: account.email })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit('user.created', { type: 'user', id: user.id }, { username: account.username });
      for (const role of account.roles) {
        await trx.insertInto('user_roles').values({ user_id: user.id, role }).execute();
        await audit('user.role_granted', { type: 'user', id: user.id }, { role });
      }
      if (account.member) {
        await trx
          .insertInto('project_members')
          .values({ project_id: DEMO_PROJECT.id, user_id: user.id, role: account.member })
          .execute();
        await audit('project.member_added', { type: 'user', id: user.id }, { role: account.member });
      }
    }
    await audit(
      'project.data_delivered',
      { type: 'project', id: DEMO_PROJECT.id },
      { files: files.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })), synthetic: true },
    );
  });

  return {
    organisation: DEMO_ORGANISATION.name,
    projectId: DEMO_PROJECT.id,
    projectName: DEMO_PROJECT.name,
    persons: options.persons,
    files: files.map((file) => file.path),
  };
}
