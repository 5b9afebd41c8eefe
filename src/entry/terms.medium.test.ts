import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { publishTerms, publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from './terms-service.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

async function publishedEvents(version: string): Promise<number> {
  const rows = await testDb.db
    .selectFrom('audit_events')
    .select('seq')
    .where('action', '=', 'terms.published')
    .where('target_id', '=', version)
    .execute();
  return rows.length;
}

describe('publishing terms of use', () => {
  it('lets several serve nodes starting together publish the shipped terms: one publishes, none fails', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        publishTermsDirectory(testDb.db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR),
      ),
    );
    const [version] = outcomes.flat();
    expect(version).toBeDefined();
    expect(outcomes.flat()).toEqual([version]);
    expect(await publishedEvents(version as string)).toBe(1);
  });

  it('refuses another text under a version that is published, also when both come at once', async () => {
    const terms = (en: string) => ({
      version: '2030-01-01',
      en,
      sv: 'Villkor',
      publishedAt: new Date('2030-01-01T00:00:00Z'),
      actor: SYSTEM_ACTOR,
    });
    const outcomes = await Promise.allSettled([
      publishTerms(testDb.db, terms('Terms, one text')),
      publishTerms(testDb.db, terms('Terms, another text')),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(String(refusal?.reason)).toMatch(/already published with another text/);
    expect(await publishedEvents('2030-01-01')).toBe(1);
  });
});
