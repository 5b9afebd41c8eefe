import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_ADDRESSES, testCountryGate } from '../../test/geoip.js';
import { createOtpUser, type TestUser } from '../../test/users.js';
import { admitSession, type SessionAdmissionDeps } from './session-admission.js';
import { findPortalSession } from './session-repository.js';
import { startSession } from './session-service.js';
import { hashToken } from './tokens.js';

let testDb: TestDatabase;
let deps: SessionAdmissionDeps;
let alice: TestUser;
const start = Date.parse('2026-11-28T10:00:00Z');
const at = (seconds: number) => new Date(start + seconds * 1000);
const timeouts = { idleSeconds: 300, warningSeconds: 60 };

beforeAll(async () => {
  testDb = await createTestDatabase();
  deps = { db: testDb.db, gate: await testCountryGate({ allowPrivateNetworks: false }), timeouts };
  alice = await createOtpUser(testDb.db, { username: 'alice' });
});
afterAll(() => testDb.drop());

/** A portal session of Alice's that began at `second`, logged in from Sweden: its cookie. */
function sessionFrom(second: number): Promise<string> {
  return testDb.db
    .transaction()
    .execute((trx) =>
      startSession(
        trx,
        { userId: alice.id, method: 'otp', ip: TEST_ADDRESSES.sweden, country: 'SE', now: at(second) },
        timeouts,
      ),
    );
}

const visit = (ip: string, path = '/api/account') => ({ ip, path });

async function countryEndings(token: string) {
  const rows = await testDb.db
    .selectFrom('audit_events')
    .select(['ip', 'target_id', 'details'])
    .where('action', '=', 'session.country_refused')
    .orderBy('seq')
    .execute();
  return rows.filter((row) => (row.details as { session: string }).session === hashToken(token).slice(0, 12));
}

describe('admitting a portal session on every request (R3, R7)', () => {
  it('lets a session go on in an approved country: a request of the user moves its deadline, a poll does not', async () => {
    const token = await sessionFrom(0);
    const poll = await admitSession(
      deps,
      { token, visit: visit(TEST_ADDRESSES.sweden), activity: false },
      at(60),
    );
    expect(poll.active?.expiresAt).toEqual(at(300));
    const use = await admitSession(
      deps,
      { token, visit: visit(TEST_ADDRESSES.swedenV6), activity: true },
      at(120),
    );
    expect(use.active).toMatchObject({ userId: alice.id, expiresAt: at(420) });
    expect(await countryEndings(token)).toEqual([]);
  });

  it('ends a session used from elsewhere there and then, audits from where, and refuses the request', async () => {
    const token = await sessionFrom(0);
    const abroad = admitSession(deps, { token, visit: visit(TEST_ADDRESSES.usa), activity: true }, at(60));
    await expect(abroad).rejects.toMatchObject({ code: 'COUNTRY_NOT_APPROVED' });
    expect(await countryEndings(token)).toEqual([
      {
        ip: TEST_ADDRESSES.usa,
        target_id: alice.id,
        details: {
          session: hashToken(token).slice(0, 12),
          country: 'US',
          reason: 'country_not_approved',
          path: '/api/account',
        },
      },
    ]);
    // The refused request was no activity: the deadline of the session it ended stayed where it was.
    expect((await findPortalSession(testDb.db, hashToken(token), at(61)))?.expires_at).toEqual(at(300));
    const back = await admitSession(
      deps,
      { token, visit: visit(TEST_ADDRESSES.sweden), activity: true },
      at(61),
    );
    expect(back).toEqual({ active: null, endReason: 'country' });
  });

  it('audits an address it cannot read, without the address', async () => {
    const token = await sessionFrom(0);
    const unreadable = admitSession(
      deps,
      { token, visit: visit('unknown', '/api/uploads'), activity: true },
      at(1),
    );
    await expect(unreadable).rejects.toMatchObject({ code: 'COUNTRY_NOT_APPROVED' });
    expect(await countryEndings(token)).toMatchObject([
      { ip: null, details: { country: null, reason: 'not_an_ip', path: '/api/uploads' } },
    ]);
  });

  it('leaves a request without a live session to its route, wherever it comes from', async () => {
    for (const token of [undefined, 'not-a-session']) {
      const lookup = await admitSession(
        deps,
        { token, visit: visit(TEST_ADDRESSES.usa), activity: true },
        at(1),
      );
      expect(lookup).toEqual({ active: null, endReason: null });
    }
  });
});
