import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import type { ActiveSession } from '../identity/session-service.js';
import { authorizeReviewer, type ReviewAttempt, type Submission } from './four-eyes-policy.js';

let testDb: TestDatabase;
const now = new Date('2027-01-10T09:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

function reviewer(username: string): ActiveSession {
  return {
    idHash: `session-of-${username}`,
    userId: randomUUID(),
    username,
    fullName: `Test ${username}`,
    roles: ['reviewer'],
    method: 'otp',
    startedAt: now,
    expiresAt: now,
    termsAcceptedAt: null,
  };
}

const submittedBy = (person: ActiveSession, projectId: string | null): Submission => ({
  type: 'export',
  id: randomUUID(),
  submitterId: person.userId,
  projectId,
});

async function refusalsOf(submission: Submission) {
  return testDb.db
    .selectFrom('audit_events')
    .select([
      'actor_id',
      'actor_label',
      'action',
      'target_type',
      'project_id',
      'ip',
      'details',
      'occurred_at',
    ])
    .where('target_id', '=', submission.id)
    .orderBy('seq')
    .execute();
}

const deciding: ReviewAttempt = { act: 'decide', ip: '192.0.2.10', now };

describe('the four-eyes rule', () => {
  it('lets anyone but the submitter review, auditing nothing', async () => {
    const anna = reviewer('anna');
    const submission = submittedBy(reviewer('bo'), 'P1001');
    await expect(authorizeReviewer(testDb.db, anna, submission, deciding)).resolves.toBeUndefined();
    expect(await refusalsOf(submission)).toEqual([]);
  });

  it('refuses the submitter, saying why, and audits who tried what on which submission of which project', async () => {
    const anna = reviewer('anna');
    const submission = submittedBy(anna, 'P1001');
    for (const act of ['open', 'decide'] as const) {
      await expect(
        authorizeReviewer(testDb.db, anna, submission, { ...deciding, act }),
      ).rejects.toMatchObject({
        code: 'OWN_SUBMISSION',
      });
    }
    const refusal = {
      actor_id: anna.userId,
      actor_label: 'anna',
      action: 'review.own_submission_refused',
      target_type: 'export',
      project_id: 'P1001',
      ip: '192.0.2.10',
      occurred_at: now,
    };
    expect(await refusalsOf(submission)).toEqual([
      { ...refusal, details: { act: 'open' } },
      { ...refusal, details: { act: 'decide' } },
    ]);
  });

  it('audits the refusal of a submission of no project without one', async () => {
    const anna = reviewer('anna');
    const submission = submittedBy(anna, null);
    await expect(authorizeReviewer(testDb.db, anna, submission, deciding)).rejects.toMatchObject({
      code: 'OWN_SUBMISSION',
    });
    expect(await refusalsOf(submission)).toMatchObject([{ project_id: null, details: { act: 'decide' } }]);
  });
});
