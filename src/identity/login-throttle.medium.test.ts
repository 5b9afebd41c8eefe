import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { testCountryGate } from '../../test/geoip.js';
import { loadConfig } from '../config/load.js';
import type { CountryGate } from '../entry/approved-country.js';
import type { IdentityDeps } from './identity-deps.js';
import { recordAttempt } from './login-repository.js';
import { admitPasswordGuess, throttle } from './login-throttle.js';

let testDb: TestDatabase;
let gate: CountryGate;
const start = Date.parse('2026-11-28T10:00:00Z');
const at = (seconds: number) => new Date(start + seconds * 1000);

beforeAll(async () => {
  testDb = await createTestDatabase();
  gate = await testCountryGate();
});
afterAll(() => testDb.drop());

/**
 * Identity's dependencies with these limits: 3 free guesses per address (then 1 s, 2 s, … up to 900 s),
 * 2 per username (up to 60 s), within an hour.
 */
function depsWith(perIpPerMinute: number): IdentityDeps {
  const config = loadConfig({
    env: {
      MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: String(perIpPerMinute),
      MONA_IDENTITY__THROTTLE__GUESS_WINDOW_SECONDS: '3600',
      MONA_IDENTITY__THROTTLE__PER_ADDRESS__FREE_GUESSES: '3',
      MONA_IDENTITY__THROTTLE__PER_ADDRESS__MAX_DELAY_SECONDS: '900',
      MONA_IDENTITY__THROTTLE__PER_USERNAME__FREE_GUESSES: '2',
      MONA_IDENTITY__THROTTLE__PER_USERNAME__MAX_DELAY_SECONDS: '60',
    },
  });
  return {
    db: testDb.db,
    settings: config.identity,
    operator: config.operator,
    gate,
    mailer: null,
    publicUrl: 'http://mona.test/',
    bankid: null,
    now: () => at(0),
  };
}

/** 'admitted', or what the refusal tells the client: its code and the seconds to wait, if it says. */
async function answerTo(attempt: Promise<unknown>) {
  try {
    await attempt;
    return 'admitted';
  } catch (error) {
    const { code, fields } = error as { code: string; fields?: { field: string; problem: string }[] };
    return { code, wait: fields?.find((field) => field.field === 'retryAfterSeconds')?.problem ?? null };
  }
}

const waitFor = (seconds: number) => ({ code: 'RATE_LIMITED', wait: String(seconds) });

async function attemptsFrom(ip: string) {
  return testDb.db
    .selectFrom('login_attempts')
    .select(['username', 'outcome', 'at'])
    .where('ip', '=', ip)
    .orderBy('id')
    .execute();
}

async function audited(action: string, ip: string) {
  return testDb.db
    .selectFrom('audit_events')
    .select(['actor_id', 'actor_label', 'details', 'occurred_at'])
    .where('action', '=', action)
    .where('ip', '=', ip)
    .orderBy('seq')
    .execute();
}

describe('the budget of login requests per address', () => {
  it('refuses an address over its budget for the minute, records each refusal and audits the first', async () => {
    const deps = depsWith(4);
    const ip = '192.0.2.1';
    for (const second of [0, 1, 2])
      await recordAttempt(testDb.db, { ip, username: 'anna', outcome: 'refused', at: at(second) });
    const answers = [await answerTo(throttle(deps, ip, 'anna', at(3)))];
    await recordAttempt(testDb.db, { ip, username: 'anna', outcome: 'refused', at: at(3) });
    answers.push(await answerTo(throttle(deps, ip, 'anna', at(4))));
    answers.push(await answerTo(throttle(deps, ip, null, at(5))));
    // The budget is per minute: the requests of a minute ago no longer count.
    answers.push(await answerTo(throttle(deps, ip, 'anna', at(66))));
    expect(answers).toEqual([
      'admitted',
      { code: 'RATE_LIMITED', wait: null },
      { code: 'RATE_LIMITED', wait: null },
      'admitted',
    ]);

    expect((await attemptsFrom(ip)).slice(4)).toEqual([
      { username: 'anna', outcome: 'throttled', at: at(4) },
      { username: null, outcome: 'throttled', at: at(5) },
    ]);
    expect(await audited('login.throttled', ip)).toEqual([
      { actor_id: null, actor_label: 'anonymous', details: {}, occurred_at: at(4) },
    ]);
  });
});

describe('the growing delays for passwords tried', () => {
  const deps = () => depsWith(1000);

  it('lets an address try its free guesses, then makes it wait 1 s, 2 s, … after its latest, auditing each from the last free one', async () => {
    const ip = '192.0.2.2';
    const guess = (username: string, second: number) =>
      answerTo(admitPasswordGuess(deps(), ip, username, at(second)));
    const answers = [
      await guess('u1', 0),
      await guess('u2', 1),
      await guess('u3', 2),
      await guess('u4', 2),
      await guess('u4', 3),
      await guess('u5', 3),
      await guess('u5', 5),
    ];
    expect(answers).toEqual([
      'admitted',
      'admitted',
      'admitted',
      waitFor(1),
      'admitted',
      waitFor(2),
      'admitted',
    ]);
    expect((await attemptsFrom(ip)).map((attempt) => attempt.outcome)).toEqual([
      'password_checked',
      'password_checked',
      'password_checked',
      'throttled',
      'password_checked',
      'throttled',
      'password_checked',
    ]);
    const delayed = await audited('login.guesses_delayed', ip);
    expect(delayed).toEqual([
      {
        actor_id: null,
        actor_label: 'anonymous',
        details: { username: 'u3', fromAddress: 3, forUsername: 1 },
        occurred_at: at(2),
      },
      {
        actor_id: null,
        actor_label: 'anonymous',
        details: { username: 'u4', fromAddress: 4, forUsername: 1 },
        occurred_at: at(3),
      },
      {
        actor_id: null,
        actor_label: 'anonymous',
        details: { username: 'u5', fromAddress: 5, forUsername: 1 },
        occurred_at: at(5),
      },
    ]);
  });

  it('counts only the guesses within the window', async () => {
    const ip = '192.0.2.3';
    const guess = (second: number) => admitPasswordGuess(deps(), ip, `w${second}`, at(second));
    for (const second of [0, 1, 2]) await guess(second);
    // An hour, less a second, later the three still count: the fourth guess is the fourth.
    await guess(3599);
    // Past the hour of the first three, only the one at 3599 s does.
    await guess(3603);
    const counts = (await audited('login.guesses_delayed', ip)).map((event) => event.details);
    expect(counts).toEqual([
      { username: 'w2', fromAddress: 3, forUsername: 1 },
      { username: 'w3599', fromAddress: 4, forUsername: 1 },
    ]);
  });

  it('slows guesses at one username from many addresses, and audits the guess that reaches its free count', async () => {
    const guess = (ip: string, second: number) =>
      answerTo(admitPasswordGuess(deps(), ip, 'nils', at(second)));
    expect([await guess('192.0.2.4', 0), await guess('192.0.2.5', 1), await guess('192.0.2.6', 1)]).toEqual([
      'admitted',
      'admitted',
      waitFor(1),
    ]);
    expect((await audited('login.guesses_delayed', '192.0.2.5')).map((event) => event.details)).toEqual([
      { username: 'nils', fromAddress: 1, forUsername: 2 },
    ]);
    expect(await audited('login.guesses_delayed', '192.0.2.4')).toEqual([]);
  });

  it('makes a guess wait for the later of its address’s and its username’s delays', async () => {
    // The address 192.0.2.7 has tried five passwords (a wait of 4 s), the username olle two (1 s).
    for (const [second, username] of [
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
      [4, 'e'],
    ] as const)
      await recordAttempt(testDb.db, {
        ip: '192.0.2.7',
        username,
        outcome: 'password_checked',
        at: at(second),
      });
    for (const ip of ['192.0.2.8', '192.0.2.9'])
      await recordAttempt(testDb.db, { ip, username: 'olle', outcome: 'password_checked', at: at(4) });
    expect(await answerTo(admitPasswordGuess(deps(), '192.0.2.7', 'olle', at(4)))).toEqual(waitFor(4));

    // The username pia has been tried five times (8 s), the address 192.0.2.10 three times (1 s).
    for (const second of [0, 1, 2, 3, 4])
      await recordAttempt(testDb.db, {
        ip: `192.0.2.${20 + second}`,
        username: 'pia',
        outcome: 'password_checked',
        at: at(second),
      });
    for (const username of ['f', 'g', 'h'])
      await recordAttempt(testDb.db, { ip: '192.0.2.10', username, outcome: 'password_checked', at: at(4) });
    expect(await answerTo(admitPasswordGuess(deps(), '192.0.2.10', 'pia', at(4)))).toEqual(waitFor(8));
  });

  it('keeps to the budget per address before any delay', async () => {
    const ip = '192.0.2.11';
    for (const second of [0, 1, 2, 3])
      await recordAttempt(testDb.db, { ip, username: 'x', outcome: 'refused', at: at(second) });
    expect(await answerTo(admitPasswordGuess(depsWith(4), ip, 'x', at(4)))).toEqual({
      code: 'RATE_LIMITED',
      wait: null,
    });
    expect((await attemptsFrom(ip)).at(-1)).toEqual({ username: 'x', outcome: 'throttled', at: at(4) });
  });
});
