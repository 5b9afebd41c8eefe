import {
  type CurrentTerms,
  currentTerms,
  type TermsVersion,
  termsAccepted,
} from '../../../src/entry/terms-contract.js';
import { getJson, postJson } from '../api/client.js';

export type { CurrentTerms, TermsVersion };

/** The version in force, with when the logged-in user accepted it (null: not yet). */
export function fetchCurrentTerms(): Promise<CurrentTerms> {
  return getJson('/api/terms/current', currentTerms);
}

/** Accepts a version for the logged-in user; refused with TERMS_OUTDATED when a newer one exists. */
export async function acceptTerms(version: string): Promise<string> {
  return (await postJson('/api/terms/accept', { version }, termsAccepted)).acceptedAt;
}
