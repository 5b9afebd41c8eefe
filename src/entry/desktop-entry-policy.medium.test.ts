import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createOtpUser } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { type ActiveSession, findSession, startSession } from '../identity/session-service.js';
import { authorizeDesktopUse, desktopEntryOf } from './desktop-entry-policy.js';
import { publishTerms, publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from './terms-service.js';

let testDb: TestDatabase;
let alice: string;
let bob: string;
const acceptedAt = new Date('2026-11-01T00:00:00Z');
const now = new Date('2026-11-28T10:00:00Z');
const timeouts = { idleSeconds: 100 * 86_400, warningSeconds: 90 };

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  alice = (await createOtpUser(testDb.db, { username: 'alice', termsAcceptedAt: acceptedAt })).id;
  bob = (await createOtpUser(testDb.db, { username: 'bob' })).id;
});
afterAll(() => testDb.drop());

/** A portal session that began at `startedAt`, as a request at `at` reads it (terms included). */
async function session(userId: string, startedAt: Date, at = now): Promise<ActiveSession> {
  const token = await testDb.db
    .transaction()
    .execute((trx) =>
      startSession(trx, { userId, method: 'otp', ip: '192.0.2.1', country: 'SE', now: startedAt }, timeouts),
    );
  const lookup = await findSession(testDb.db, token, at, { touch: false, timeouts });
  if (!lookup.active) throw new Error('the session is not live');
  return lookup.active;
}

describe('the way into the remote desktop', () => {
  it('lets in a login that began after the terms in force were accepted', async () => {
    const login = await session(alice, new Date('2026-11-28T09:00:00Z'));
    expect(desktopEntryOf(login)).toEqual({ termsAccepted: true, remoteDesktop: true });
    expect(() => authorizeDesktopUse(login)).not.toThrow();
  });

  it('keeps out a login that began before the terms were accepted: log out and in again (R14)', async () => {
    const login = await session(alice, new Date('2026-10-31T09:00:00Z'));
    expect(desktopEntryOf(login)).toEqual({ termsAccepted: true, remoteDesktop: false });
    expect(() => authorizeDesktopUse(login)).toThrow(
      expect.objectContaining({ code: 'DESKTOP_NOT_ALLOWED' }),
    );
  });

  it("does not count one user's acceptance for another", async () => {
    const login = await session(bob, new Date('2026-11-28T09:00:00Z'));
    expect(desktopEntryOf(login)).toEqual({ termsAccepted: false, remoteDesktop: false });
    expect(() => authorizeDesktopUse(login)).toThrow(
      expect.objectContaining({ code: 'DESKTOP_NOT_ALLOWED' }),
    );
  });

  it('asks for new terms from the moment they are in force, not before', async () => {
    await publishTerms(testDb.db, {
      version: '2026-12-01',
      en: '# New terms',
      sv: '# Nya villkor',
      publishedAt: new Date('2026-12-01T00:00:00Z'),
      actor: SYSTEM_ACTOR,
    });
    const startedAt = new Date('2026-11-28T09:00:00Z');
    expect(desktopEntryOf(await session(alice, startedAt, now))).toEqual({
      termsAccepted: true,
      remoteDesktop: true,
    });
    expect(desktopEntryOf(await session(alice, startedAt, new Date('2026-12-01T00:00:01Z')))).toEqual({
      termsAccepted: false,
      remoteDesktop: false,
    });
  });
});
