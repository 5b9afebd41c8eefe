import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import type { Db } from '../src/db/connect.js';
import { createOrganisation, createProject } from '../src/projects/project-service.js';

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
