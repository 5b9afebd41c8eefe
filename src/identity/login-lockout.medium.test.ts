import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { testCountryGate } from '../../test/geoip.js';
import { mailerTo } from '../../test/mail.js';
import { createOtpUser } from '../../test/users.js';
import { loadConfig } from '../config/load.js';
import type { CountryGate } from '../entry/approved-country.js';
import { findFreePort } from '../net/ports.js';
import type { Mailer } from '../notify/mailer.js';
import { type SmtpCatcher, startSmtpCatcher } from '../notify/smtp-catcher.js';
import type { IdentityDeps } from './identity-deps.js';
import { lockedError, recordWrongCode } from './login-lockout.js';

let testDb: TestDatabase;
let gate: CountryGate;
let catcher: SmtpCatcher;
const start = Date.parse('2026-11-28T10:00:00Z');
const at = (seconds: number) => new Date(start + seconds * 1000);

beforeAll(async () => {
  testDb = await createTestDatabase();
  gate = await testCountryGate();
  catcher = await startSmtpCatcher();
});
afterAll(async () => {
  await catcher.close();
  await testDb.drop();
});

/** Identity's dependencies with the default lockout: five wrong codes within 15 minutes lock for 15 minutes. */
function depsWith(mailer: Mailer | null): IdentityDeps {
  const config = loadConfig({ env: { MONA_OPERATOR__NAME: 'Statistics Test' } });
  return {
    db: testDb.db,
    settings: config.identity,
    operator: config.operator,
    gate,
    mailer,
    publicUrl: 'http://mona.test/',
    bankid: null,
    now: () => at(0),
  };
}

/** What the login logs as warnings. */
function warningLog() {
  const warnings: { details: object; message: string }[] = [];
  return { warnings, warn: (details: object, message: string) => warnings.push({ details, message }) };
}

async function audited(action: string, username: string) {
  const rows = await testDb.db
    .selectFrom('audit_events')
    .select(['actor_id', 'actor_label', 'target_type', 'target_id', 'ip', 'details', 'occurred_at'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.filter((row) => (row.details as { username?: string }).username === username);
}

describe('wrong codes after the right password', () => {
  it('locks the username at the fifth within the window, audits the lock once and mails its owner', async () => {
    const deps = depsWith(mailerTo(catcher.port));
    const lena = await createOtpUser(testDb.db, { username: 'lena' });
    const log = warningLog();
    const wrongCode = (second: number, ip = '192.0.2.67') =>
      recordWrongCode(
        deps,
        { ip, username: 'lena', userId: lena.id, reason: 'wrong_code', now: at(second) },
        log,
      );

    const locks = [];
    for (const second of [0, 60, 120, 180, 240, 300]) locks.push(await wrongCode(second));
    expect(locks).toEqual([null, null, null, null, at(240 + 900), null]);

    const failure = {
      actor_id: null,
      actor_label: 'anonymous',
      target_type: null,
      target_id: null,
      ip: '192.0.2.67',
    };
    expect(await audited('login.failed', 'lena')).toEqual(
      [0, 60, 120, 180, 240, 300].map((second) => ({
        ...failure,
        details: { username: 'lena', reason: 'wrong_code' },
        occurred_at: at(second),
      })),
    );
    expect(await audited('login.locked', 'lena')).toEqual([
      {
        ...failure,
        target_type: 'user',
        target_id: lena.id,
        details: { username: 'lena', until: at(1140).toISOString() },
        occurred_at: at(240),
      },
    ]);

    const mail = await catcher.waitFor((m) => m.to.includes('lena@mona.test'));
    expect(mail.subject).toContain('Statistics Test');
    expect(mail.text).toContain('Test lena');
    expect(mail.text).toContain('192.0.2.67');
    expect(catcher.messages().filter((m) => m.to.includes('lena@mona.test'))).toHaveLength(1);
    expect(log.warnings).toEqual([]);
  });

  it('does not lock for wrong codes spread wider than the window', async () => {
    const deps = depsWith(null);
    const mats = await createOtpUser(testDb.db, { username: 'mats' });
    const locks = [];
    for (const second of [0, 300, 600, 900, 901]) {
      const attempt = {
        ip: '192.0.2.68',
        username: 'mats',
        userId: mats.id,
        reason: 'wrong_code',
        now: at(second),
      };
      locks.push(await recordWrongCode(deps, attempt, warningLog()));
    }
    expect(locks).toEqual([null, null, null, null, null]);
    expect(await audited('login.locked', 'mats')).toEqual([]);
  });

  it('locks all the same when the mail cannot be sent, and logs that it was not', async () => {
    const nobodyListens = await findFreePort('127.0.0.1');
    const deps = depsWith(mailerTo(nobodyListens));
    const otto = await createOtpUser(testDb.db, { username: 'otto' });
    const log = warningLog();
    let lock = null;
    for (const second of [0, 1, 2, 3, 4]) {
      const attempt = {
        ip: '192.0.2.71',
        username: 'otto',
        userId: otto.id,
        reason: 'wrong_code',
        now: at(second),
      };
      lock = await recordWrongCode(deps, attempt, log);
    }
    expect(lock).toEqual(at(904));
    expect(await audited('login.locked', 'otto')).toHaveLength(1);
    expect(log.warnings).toEqual([
      { details: { err: expect.any(Error) }, message: 'the account-locked mail was not sent' },
    ]);
  });

  it('locks where no mail can be sent at all, quietly', async () => {
    const deps = depsWith(null);
    const pia = await createOtpUser(testDb.db, { username: 'pia' });
    const log = warningLog();
    let lock = null;
    for (const second of [0, 1, 2, 3, 4]) {
      const attempt = {
        ip: '192.0.2.72',
        username: 'pia',
        userId: pia.id,
        reason: 'wrong_code',
        now: at(second),
      };
      lock = await recordWrongCode(deps, attempt, log);
    }
    expect(lock).toEqual(at(904));
    expect(log.warnings).toEqual([]);
  });
});

describe('lockedError', () => {
  it('refuses with the whole seconds left of the lock', () => {
    expect(lockedError(at(900), at(0.5))).toMatchObject({
      code: 'LOGIN_LOCKED',
      fields: [{ field: 'retryAfterSeconds', problem: '900' }],
    });
  });
});
