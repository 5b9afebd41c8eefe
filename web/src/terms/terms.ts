import { getJson, isRecord, isString, postJson } from '../api/client.js';

/** One version of the terms of use, in Markdown, in both languages. */
export interface TermsVersion {
  version: string;
  en: string;
  sv: string;
}

/** The current version, with when the logged-in user accepted it (null: not yet). */
export interface CurrentTerms extends TermsVersion {
  publishedAt: string;
  acceptedAt: string | null;
}

export function parseTermsVersion(body: unknown): TermsVersion | undefined {
  if (!isRecord(body)) return undefined;
  const { version, en, sv } = body;
  return isString(version) && isString(en) && isString(sv) ? { version, en, sv } : undefined;
}

export function parseCurrentTerms(body: unknown): CurrentTerms | undefined {
  const terms = parseTermsVersion(body);
  if (!terms || !isRecord(body)) return undefined;
  const { publishedAt, acceptedAt } = body;
  if (!isString(publishedAt) || !(acceptedAt === null || isString(acceptedAt))) return undefined;
  return { ...terms, publishedAt, acceptedAt };
}

export function fetchCurrentTerms(): Promise<CurrentTerms> {
  return getJson('/api/terms/current', parseCurrentTerms);
}

/** Accepts a version for the logged-in user; refused with TERMS_OUTDATED when a newer one exists. */
export function acceptTerms(version: string): Promise<string> {
  return postJson('/api/terms/accept', { version }, (body) =>
    isRecord(body) && isString(body.acceptedAt) ? body.acceptedAt : undefined,
  );
}
