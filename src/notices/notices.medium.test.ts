import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TestBrowser } from '../../test/http-client.js';
import { createOtpUser, GOOD_PASSWORD } from '../../test/users.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../entry/terms-service.js';
import { addNotice, removeNotice } from './notice-service.js';

let testDb: TestDatabase;
let t: TestApp;
let clock = new Date('2027-03-01T12:00:00Z');
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  testDb = await createTestDatabase();
  await publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  t = await buildTestApp(testDb.db, { now: () => clock });
});
afterAll(async () => {
  await t.app.close();
  await testDb.drop();
});

describe('notices and planned closures (R18, R33)', () => {
  it('shows a notice in its window only, in both languages', async () => {
    await addNotice(
      testDb.db,
      {
        en: 'New software: R 4.5',
        sv: 'Ny programvara: R 4.5',
        shownFrom: at('2027-03-01T00:00:00Z'),
        shownUntil: at('2027-03-02T00:00:00Z'),
        closure: null,
      },
      SYSTEM_ACTOR,
    );
    const shown = (await t.app.inject({ method: 'GET', url: '/api/notices' })).json().notices;
    expect(shown).toEqual([
      expect.objectContaining({ en: 'New software: R 4.5', sv: 'Ny programvara: R 4.5', closure: null }),
    ]);
    clock = at('2027-03-02T00:00:01Z');
    expect((await t.app.inject({ method: 'GET', url: '/api/notices' })).json().notices).toEqual([]);
  });

  it('announces a closure in advance, and refuses every login during it', async () => {
    const user = await createOtpUser(testDb.db, { username: 'maja' });
    clock = at('2027-03-10T09:00:00Z');
    const id = await addNotice(
      testDb.db,
      {
        en: 'Closed 14:00-22:00 for maintenance',
        sv: 'Stängt 14-22 för underhåll',
        shownFrom: at('2027-03-08T00:00:00Z'),
        shownUntil: at('2027-03-10T22:00:00Z'),
        closure: { from: at('2027-03-10T13:00:00Z'), until: at('2027-03-10T21:00:00Z') },
      },
      SYSTEM_ACTOR,
    );
    const announced = (await t.app.inject({ method: 'GET', url: '/api/notices' })).json().notices;
    expect(announced[0].closure).toEqual({
      from: '2027-03-10T13:00:00.000Z',
      until: '2027-03-10T21:00:00.000Z',
    });

    clock = at('2027-03-10T12:59:30Z');
    const before = new TestBrowser(t.app);
    expect((await before.post('/api/login/start', { acceptApprovedCountry: true })).statusCode).toBe(200);

    clock = at('2027-03-10T13:00:00Z');
    const during = await new TestBrowser(t.app).post('/api/login/start', { acceptApprovedCountry: true });
    expect(during.statusCode).toBe(503);
    expect(during.json().error).toMatchObject({
      code: 'CLOSED_FOR_MAINTENANCE',
      fields: [{ field: 'until', problem: '2027-03-10T21:00:00.000Z' }],
    });
    // A login begun before the closure cannot finish inside it.
    await before.post('/api/login/otp/password', { username: 'maja', password: GOOD_PASSWORD });
    const finish = await before.post('/api/login/otp/code', { code: user.code(clock) });
    expect(finish.json().error.code).toBe('CLOSED_FOR_MAINTENANCE');

    clock = at('2027-03-10T21:00:00Z');
    expect(
      (await new TestBrowser(t.app).post('/api/login/start', { acceptApprovedCountry: true })).statusCode,
    ).toBe(200);
    expect(await removeNotice(testDb.db, id, SYSTEM_ACTOR)).toBe(true);
    expect(await removeNotice(testDb.db, id, SYSTEM_ACTOR)).toBe(false);
  });

  it('refuses a notice that ends before it begins', async () => {
    await expect(
      addNotice(
        testDb.db,
        { en: 'x', sv: 'x', shownFrom: clock, shownUntil: clock, closure: null },
        SYSTEM_ACTOR,
      ),
    ).rejects.toThrow('shown until after');
  });
});
