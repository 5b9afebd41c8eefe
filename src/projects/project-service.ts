import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { findUserByUsername } from '../identity/user-repository.js';
import { PROJECT_ID } from '../ids.js';
import { deleteMember, upsertMember } from './membership-repository.js';
import {
  findOrganisation,
  insertOrganisation,
  insertProject,
  organisationNamed,
  projectExists,
} from './project-repository.js';
import type { MemberRole } from './project-tables.js';

export class ProjectAdminError extends Error {
  override name = 'ProjectAdminError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(value: string | undefined, what: string): string | null {
  if (value === undefined) return null;
  if (!DATE.test(value) || Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())) {
    throw new ProjectAdminError(`${what} must be a date like 2027-01-31, not "${value}"`);
  }
  return value;
}

function text(value: string, what: string, max = 200): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > max)
    throw new ProjectAdminError(`${what} must be 1-${max} characters`);
  return trimmed;
}

export interface NewOrganisation {
  name: string;
  orgNumber?: string;
  publicAuthority: boolean;
  dpaReference: string;
  dpaSignedOn: string;
  dpaValidUntil?: string;
}

/** An organisation that receives releases, with its data processing agreement (R1, R2). */
export async function createOrganisation(db: Db, input: NewOrganisation, actor: Actor): Promise<string> {
  const values = {
    name: text(input.name, 'the name'),
    org_number: input.orgNumber ? text(input.orgNumber, 'the organisation number', 20) : null,
    is_public_authority: input.publicAuthority,
    dpa_reference: text(input.dpaReference, 'the agreement reference', 100),
    dpa_signed_on: date(input.dpaSignedOn, '--dpa-signed-on') as string,
    dpa_valid_until: date(input.dpaValidUntil, '--dpa-valid-until'),
  };
  if (values.dpa_valid_until && values.dpa_valid_until < values.dpa_signed_on) {
    throw new ProjectAdminError('the agreement cannot end before it was signed');
  }
  return db.transaction().execute(async (trx) => {
    if (await organisationNamed(trx, values.name))
      throw new ProjectAdminError(`an organisation named "${values.name}" exists already`);
    const id = await insertOrganisation(trx, values);
    await recordAudit(trx, {
      actor,
      action: 'organisation.created',
      target: { type: 'organisation', id },
      details: { name: values.name, dpa: values.dpa_reference },
    });
    return id;
  });
}

export interface NewProject {
  id: string;
  name: string;
  organisation: string;
  endsOn?: string;
  uploadReview: boolean;
  ethics?: { authority: string; reference: string; approvedOn: string; validUntil?: string };
}

/** A release to one organisation (R1); sensitive data need their ethics approval recorded (R2). */
export async function createProject(db: Db, input: NewProject, actor: Actor): Promise<void> {
  if (!PROJECT_ID.test(input.id))
    throw new ProjectAdminError(`project id "${input.id}" must look like P0001`);
  const values = {
    id: input.id,
    name: text(input.name, 'the name'),
    ends_on: date(input.endsOn, '--ends-on'),
    upload_review: input.uploadReview,
    sensitive_data: input.ethics !== undefined,
    ethics_authority: input.ethics ? text(input.ethics.authority, 'the ethics authority') : null,
    ethics_reference: input.ethics ? text(input.ethics.reference, 'the ethics reference', 100) : null,
    ethics_approved_on: input.ethics ? date(input.ethics.approvedOn, '--ethics-approved-on') : null,
    ethics_valid_until: input.ethics ? date(input.ethics.validUntil, '--ethics-valid-until') : null,
  };
  await db.transaction().execute(async (trx) => {
    const organisation = await findOrganisation(trx, input.organisation);
    if (!organisation) throw new ProjectAdminError(`no organisation "${input.organisation}"`);
    if (await projectExists(trx, input.id)) throw new ProjectAdminError(`project ${input.id} exists already`);
    await insertProject(trx, { ...values, organisation_id: organisation.id });
    await recordAudit(trx, {
      actor,
      action: 'project.created',
      target: { type: 'project', id: input.id },
      projectId: input.id,
      details: {
        name: values.name,
        sensitive: values.sensitive_data,
        ethics: values.ethics_reference,
        uploadReview: values.upload_review,
      },
    });
  });
}

export async function addMember(
  db: Db,
  projectId: string,
  username: string,
  role: MemberRole,
  actor: Actor,
): Promise<{ userId: string }> {
  return db.transaction().execute(async (trx) => {
    if (!(await projectExists(trx, projectId))) throw new ProjectAdminError(`no project ${projectId}`);
    const user = await findUserByUsername(trx, username);
    if (!user) throw new ProjectAdminError(`no user ${username}`);
    await upsertMember(trx, { projectId, userId: user.id, role });
    await recordAudit(trx, {
      actor,
      action: 'project.member_added',
      target: { type: 'user', id: user.id },
      projectId,
      details: { username, role },
    });
    return { userId: user.id };
  });
}

export async function removeMember(db: Db, projectId: string, username: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await findUserByUsername(trx, username);
    const removed = user ? await deleteMember(trx, projectId, user.id) : false;
    if (!user || !removed) throw new ProjectAdminError(`${username} is not a member of ${projectId}`);
    await recordAudit(trx, {
      actor,
      action: 'project.member_removed',
      target: { type: 'user', id: user.id },
      projectId,
      details: { username },
    });
  });
}
