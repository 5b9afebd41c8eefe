import { type Expression, expressionBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';

// The SQL over `terms_versions` and `terms_acceptances`. Each function takes the Db or the caller's
// transaction.

/** The newest version published at or before `now`. */
export async function latestTermsVersion(db: Db, now: Date) {
  return db
    .selectFrom('terms_versions')
    .selectAll()
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function checksumOfTermsVersion(db: Db, version: string): Promise<string | null> {
  const row = await db
    .selectFrom('terms_versions')
    .select('checksum')
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.checksum ?? null;
}

/** Adds the version unless one of that name exists (another node may publish it at the same moment). */
export async function insertTermsVersion(
  db: Db,
  terms: { version: string; publishedAt: Date; en: string; sv: string; checksum: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('terms_versions')
    .values({
      version: terms.version,
      published_at: terms.publishedAt,
      text_en: terms.en,
      text_sv: terms.sv,
      checksum: terms.checksum,
    })
    .onConflict((conflict) => conflict.column('version').doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * When `userId` accepted the version in force at `now`; null when they have not, or none is in force. A
 * subquery, for the query that reads the portal session on every request: the terms cost no query of
 * their own.
 */
export function acceptanceOfTermsInForce(userId: Expression<string>, now: Date) {
  const eb = expressionBuilder<Database, never>();
  return eb
    .selectFrom('terms_acceptances')
    .select('terms_acceptances.accepted_at')
    .where('terms_acceptances.user_id', '=', userId)
    .where('terms_acceptances.version', '=', (query) =>
      query
        .selectFrom('terms_versions')
        .select('terms_versions.version')
        .where('terms_versions.published_at', '<=', now)
        .orderBy('terms_versions.published_at', 'desc')
        .orderBy('terms_versions.version', 'desc')
        .limit(1),
    );
}

export async function acceptedAtOf(db: Db, userId: string, version: string): Promise<Date | null> {
  const row = await db
    .selectFrom('terms_acceptances')
    .select('accepted_at')
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.accepted_at ?? null;
}

/** Records an acceptance; returns its time, or null when the user had accepted that version already. */
export async function insertAcceptance(
  db: Db,
  acceptance: { userId: string; version: string; acceptedAt: Date; ip: string | null },
): Promise<Date | null> {
  const inserted = await db
    .insertInto('terms_acceptances')
    .values({
      user_id: acceptance.userId,
      version: acceptance.version,
      accepted_at: acceptance.acceptedAt,
      ip: acceptance.ip,
    })
    .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing())
    .returning('accepted_at')
    .executeTakeFirst();
  return inserted?.accepted_at ?? null;
}
