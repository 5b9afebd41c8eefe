import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import {
  acceptedAtOf,
  checksumOfTermsVersion,
  insertAcceptance,
  insertTermsVersion,
  latestTermsVersion,
} from './terms-repository.js';

export interface TermsVersion {
  version: string;
  publishedAt: Date;
  en: string;
  sv: string;
}

export class TermsError extends Error {
  override name = 'TermsError';
}

/** The terms shipped with mona, used when `terms.directory` is not set. */
export const SHIPPED_TERMS_DIRECTORY = fileURLToPath(new URL('../../terms/', import.meta.url));
const VERSION_DIRECTORY = /^(\d{4}-\d{2}-\d{2})([._-][0-9A-Za-z._-]*)?$/;

/** The version in force: the newest one published at or before `now`. */
export async function currentTerms(db: Db, now: Date): Promise<TermsVersion | null> {
  const row = await latestTermsVersion(db, now);
  return row
    ? { version: row.version, publishedAt: row.published_at, en: row.text_en, sv: row.text_sv }
    : null;
}

/** Records acceptance of `version`, which must be the version in force; accepting twice changes nothing. */
export async function acceptTerms(
  db: Db,
  input: { userId: string; username: string; version: string; ip: string; now: Date },
): Promise<Date> {
  const terms = await currentTerms(db, input.now);
  if (!terms || terms.version !== input.version) throw new AppError('TERMS_OUTDATED');
  return db.transaction().execute(async (trx) => {
    const acceptedAt = await insertAcceptance(trx, {
      userId: input.userId,
      version: input.version,
      acceptedAt: input.now,
      ip: input.ip,
    });
    if (!acceptedAt) return (await acceptedAtOf(db, input.userId, input.version)) as Date;
    await recordAudit(
      trx,
      {
        actor: { id: input.userId, label: input.username },
        action: 'terms.accepted',
        target: { type: 'terms', id: input.version },
        ip: input.ip,
      },
      input.now,
    );
    return acceptedAt;
  });
}

/** Publishes a version; publishing the same text again is a no-op, a different text under an old name an error. */
export async function publishTerms(
  db: Db,
  input: { version: string; en: string; sv: string; publishedAt: Date; actor: Actor },
): Promise<'published' | 'unchanged'> {
  if (!input.en.trim() || !input.sv.trim())
    throw new TermsError(`terms ${input.version}: both en and sv texts are needed`);
  const checksum = createHash('sha256').update(input.en).update('\0').update(input.sv).digest('hex');
  const sameAsPublished = async () => {
    const existing = await checksumOfTermsVersion(db, input.version);
    if (existing === null) return false;
    if (existing === checksum) return true;
    throw new TermsError(
      `terms ${input.version} are already published with another text: publish a new version`,
    );
  };
  if (await sameAsPublished()) return 'unchanged';
  // Every `mona serve` node publishes the terms directory as it starts: one of several starting together wins.
  const published = await db.transaction().execute(async (trx) => {
    if (!(await insertTermsVersion(trx, { ...input, checksum }))) return false;
    await recordAudit(trx, {
      actor: input.actor,
      action: 'terms.published',
      target: { type: 'terms', id: input.version },
      details: { publishedAt: input.publishedAt.toISOString(), checksum },
    });
    return true;
  });
  if (published) return 'published';
  await sameAsPublished();
  return 'unchanged';
}

/**
 * Publishes every version found in a directory laid out as
 * `<YYYY-MM-DD>[suffix]/en.md` and `sv.md`, effective from that date.
 */
export async function publishTermsDirectory(db: Db, directory: string, actor: Actor): Promise<string[]> {
  if (!existsSync(directory)) throw new TermsError(`terms.directory ${directory} does not exist`);
  const published: string[] = [];
  for (const version of readdirSync(directory).sort()) {
    const match = VERSION_DIRECTORY.exec(version);
    if (!match) continue;
    const read = (language: string) => {
      const file = join(directory, version, `${language}.md`);
      if (!existsSync(file)) throw new TermsError(`terms ${version}: ${file} is missing`);
      return readFileSync(file, 'utf8');
    };
    const publishedAt = new Date(`${match[1]}T00:00:00Z`);
    if (Number.isNaN(publishedAt.getTime())) throw new TermsError(`terms ${version}: not a date`);
    const outcome = await publishTerms(db, { version, en: read('en'), sv: read('sv'), publishedAt, actor });
    if (outcome === 'published') published.push(version);
  }
  return published;
}
