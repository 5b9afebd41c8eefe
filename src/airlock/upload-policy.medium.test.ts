import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestProject } from '../../test/projects.js';
import { createOtpUser } from '../../test/users.js';
import type { StaffRole } from '../identity/identity-tables.js';
import type { ActiveSession } from '../identity/session-service.js';
import type { ReviewAttempt } from '../review/four-eyes-policy.js';
import type { UploadState } from './upload-contract.js';
import { authorizeUploadReview } from './upload-policy.js';
import { insertUpload } from './upload-repository.js';

let testDb: TestDatabase;
const now = new Date('2027-01-10T09:00:00Z');

async function person(username: string, roles: StaffRole[]): Promise<ActiveSession> {
  const user = await createOtpUser(testDb.db, { username, roles });
  return {
    idHash: `session-of-${username}`,
    userId: user.id,
    username,
    fullName: `Test ${username}`,
    roles,
    method: 'otp',
    startedAt: now,
    expiresAt: now,
    termsAcceptedAt: null,
  };
}

async function upload(owner: ActiveSession, projectId: string | null, state: UploadState): Promise<string> {
  const id = randomUUID();
  await insertUpload(testDb.db, {
    id,
    user_id: owner.userId,
    project_id: projectId,
    original_name: `${state}.csv`,
    bytes: 3,
    sha256: '0'.repeat(64),
    detected_type: 'csv',
    state,
    reason: state === 'rejected' ? 'infected' : null,
    reason_detail: null,
    delivered_name: null,
    received_at: now,
    updated_at: now,
  });
  return id;
}

let owner: ActiveSession;
let reviewer: ActiveSession;
let support: ActiveSession;
const uploads = {} as Record<
  'inReview' | 'ofNoProject' | 'delivered' | 'rejected' | 'reviewersOwn' | 'reviewersOwnDelivered',
  string
>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await createTestProject(testDb.db, 'P1001');
  owner = await person('owner', []);
  reviewer = await person('reviewer', ['reviewer']);
  support = await person('support', ['support', 'operator']);
  uploads.inReview = await upload(owner, 'P1001', 'in_review');
  uploads.ofNoProject = await upload(owner, null, 'in_review');
  uploads.delivered = await upload(owner, 'P1001', 'delivered');
  uploads.rejected = await upload(owner, 'P1001', 'rejected');
  uploads.reviewersOwn = await upload(reviewer, 'P1001', 'in_review');
  uploads.reviewersOwnDelivered = await upload(reviewer, 'P1001', 'delivered');
});
afterAll(() => testDb.drop());

const refusal = { code: 'NOT_FOUND' };
const opening: ReviewAttempt = { act: 'open', ip: '192.0.2.10', now };

describe('the upload review policy', () => {
  it('lets a reviewer open uploads waiting for review, of a project or of none', async () => {
    expect(await authorizeUploadReview(testDb.db, reviewer, uploads.inReview, opening)).toMatchObject({
      id: uploads.inReview,
      project_id: 'P1001',
    });
    expect(await authorizeUploadReview(testDb.db, reviewer, uploads.ofNoProject, opening)).toMatchObject({
      id: uploads.ofNoProject,
      project_id: null,
    });
  });

  it('refuses the owner and other staff as if the upload did not exist', async () => {
    for (const session of [owner, support]) {
      await expect(
        authorizeUploadReview(testDb.db, session, uploads.inReview, opening),
      ).rejects.toMatchObject(refusal);
    }
  });

  it('refuses a reviewer an upload no longer waiting for review, or none at all, the same way', async () => {
    for (const id of [uploads.delivered, uploads.rejected, randomUUID()]) {
      await expect(authorizeUploadReview(testDb.db, reviewer, id, opening)).rejects.toMatchObject(refusal);
    }
  });

  it('refuses a reviewer their own upload, saying so, and audits the attempt', async () => {
    for (const act of ['open', 'decide'] as const) {
      await expect(
        authorizeUploadReview(testDb.db, reviewer, uploads.reviewersOwn, { ...opening, act }),
      ).rejects.toMatchObject({ code: 'OWN_SUBMISSION' });
    }
    const refused = await testDb.db
      .selectFrom('audit_events')
      .select(['actor_id', 'target_type', 'target_id', 'project_id', 'ip', 'details'])
      .where('action', '=', 'review.own_submission_refused')
      .orderBy('seq')
      .execute();
    const event = {
      actor_id: reviewer.userId,
      target_type: 'upload',
      target_id: uploads.reviewersOwn,
      project_id: 'P1001',
      ip: '192.0.2.10',
    };
    expect(refused).toEqual([
      { ...event, details: { act: 'open' } },
      { ...event, details: { act: 'decide' } },
    ]);
  });

  it('refuses a reviewer their own upload no longer in review as not found, like any other', async () => {
    await expect(
      authorizeUploadReview(testDb.db, reviewer, uploads.reviewersOwnDelivered, opening),
    ).rejects.toMatchObject(refusal);
  });
});
