import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createOtpUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { authorizeDesktopUse, desktopEntryOf } from './desktop-entry-policy.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from './terms-service.js';

let testDb: TestDatabase;
let alice: string;
let bob: string;
const acceptedAt = new Date('2026-11-01T00:00:00Z');
const now = new Date('2026-11-28T10:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  alice = (await createOtpUser(testDb.db, { username: 'alice', termsAcceptedAt: acceptedAt })).id;
  bob = (await createOtpUser(testDb.db, { username: 'bob' })).id;
});
afterAll(() => testDb.drop());

describe('the way into the remote desktop', () => {
  it('lets in a login that began after the terms in force were accepted', async () => {
    const login = { userId: alice, startedAt: new Date('2026-11-28T09:00:00Z') };
    expect(await desktopEntryOf(testDb.db, login, now)).toEqual({ termsAccepted: true, remoteDesktop: true });
    await expect(authorizeDesktopUse(testDb.db, login, now)).resolves.toBeUndefined();
  });

  it('keeps out a login that began before the terms were accepted: log out and in again (R14)', async () => {
    const login = { userId: alice, startedAt: new Date('2026-10-31T09:00:00Z') };
    expect(await desktopEntryOf(testDb.db, login, now)).toEqual({
      termsAccepted: true,
      remoteDesktop: false,
    });
    await expect(authorizeDesktopUse(testDb.db, login, now)).rejects.toMatchObject({
      code: 'DESKTOP_NOT_ALLOWED',
    });
  });

  it("does not count one user's acceptance for another", async () => {
    const login = { userId: bob, startedAt: new Date('2026-11-28T09:00:00Z') };
    expect(await desktopEntryOf(testDb.db, login, now)).toEqual({
      termsAccepted: false,
      remoteDesktop: false,
    });
    await expect(authorizeDesktopUse(testDb.db, login, now)).rejects.toMatchObject({
      code: 'DESKTOP_NOT_ALLOWED',
    });
  });
});
