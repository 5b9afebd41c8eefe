import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import type { Db } from '../src/db/connect.js';
import { addMember, createOrganisation, createProject } from '../src/projects/project-service.js';
import type { MemberRole } from '../src/projects/project-tables.js';
import { createOtpUser } from './users.js';

/** An organisation with a data processing agreement, and a project of it without upload review. */
export async function createTestProject(db: Db, projectId: string, organisation = `Org of ${projectId}`) {
  await createOrganisation(
    db,
    { name: organisation, publicAuthority: false, dpaReference: 'DPA-1', dpaSignedOn: '2026-01-01' },
    SYSTEM_ACTOR,
  );
  await createProject(
    db,
    { id: projectId, name: `Study ${projectId}`, organisation, uploadReview: false },
    SYSTEM_ACTOR,
  );
}

/**
 * Two projects and a member of each, for tests that cross the boundary between them: alice in P1001,
 * bob (with `bobRole`) in P1002. Answers their user ids.
 */
export async function twoProjectsApart(db: Db, bobRole: MemberRole = 'member') {
  await createTestProject(db, 'P1001');
  await createTestProject(db, 'P1002');
  const alice = (await createOtpUser(db, { username: 'alice' })).id;
  const bob = (await createOtpUser(db, { username: 'bob' })).id;
  await addMember(db, 'P1001', 'alice', 'member', SYSTEM_ACTOR);
  await addMember(db, 'P1002', 'bob', bobRole, SYSTEM_ACTOR);
  return { alice, bob };
}
