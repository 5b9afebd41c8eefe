import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createOtpUser } from '../../test/users.js';
import type { StaffRole } from './identity-tables.js';
import { type ActiveSession, findSession, startSession } from './session-service.js';
import { authorizeStaff } from './staff-policy.js';

let testDb: TestDatabase;
const now = new Date('2027-01-10T09:00:00Z');
const timeouts = { idleSeconds: 900, warningSeconds: 120 };

/** A real portal session of a new account with these roles, as the session plugin resolves it. */
async function sessionWith(username: string, roles: StaffRole[]): Promise<ActiveSession> {
  const user = await createOtpUser(testDb.db, { username, roles });
  const token = await testDb.db
    .transaction()
    .execute((trx) =>
      startSession(trx, { userId: user.id, method: 'otp', ip: '192.0.2.1', country: 'SE', now }, timeouts),
    );
  const lookup = await findSession(testDb.db, token, now, { touch: false, timeouts });
  if (!lookup.active) throw new Error('the session did not start');
  return lookup.active;
}

let researcher: ActiveSession;
let support: ActiveSession;
let operator: ActiveSession;
let reviewer: ActiveSession;
let supportingReviewer: ActiveSession;

beforeAll(async () => {
  testDb = await createTestDatabase();
  researcher = await sessionWith('researcher', []);
  support = await sessionWith('support', ['support']);
  operator = await sessionWith('operator', ['operator']);
  reviewer = await sessionWith('reviewer', ['reviewer']);
  supportingReviewer = await sessionWith('supporting.reviewer', ['support', 'reviewer']);
});
afterAll(() => testDb.drop());

const refusal = { code: 'NOT_FOUND' };

describe('the staff roles policy', () => {
  it('lets support staff and operators do support work, and reviewers review', () => {
    expect(authorizeStaff(support, 'support')).toBe(support);
    expect(authorizeStaff(operator, 'support')).toBe(operator);
    expect(authorizeStaff(reviewer, 'review')).toBe(reviewer);
  });

  it('lets staff with several roles do the work of each', () => {
    expect(authorizeStaff(supportingReviewer, 'support')).toBe(supportingReviewer);
    expect(authorizeStaff(supportingReviewer, 'review')).toBe(supportingReviewer);
  });

  it('refuses a role that is not the one the work needs, as if the route did not exist', () => {
    expect(() => authorizeStaff(reviewer, 'support')).toThrow(expect.objectContaining(refusal));
    expect(() => authorizeStaff(support, 'review')).toThrow(expect.objectContaining(refusal));
    expect(() => authorizeStaff(operator, 'review')).toThrow(expect.objectContaining(refusal));
  });

  it('refuses users without a staff role', () => {
    expect(() => authorizeStaff(researcher, 'support')).toThrow(expect.objectContaining(refusal));
    expect(() => authorizeStaff(researcher, 'review')).toThrow(expect.objectContaining(refusal));
  });
});
