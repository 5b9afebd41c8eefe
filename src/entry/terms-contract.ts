import { z } from 'zod';
import { text, timestamp } from '../http/common-contract.js';

/** Terms of use (R10, R14): one version in Markdown, in both languages. */
export const termsVersion = z.object({ version: z.string(), en: z.string(), sv: z.string() });
export type TermsVersion = z.output<typeof termsVersion>;

/** The version in force, with when the logged-in user accepted it (null: not yet, or not logged in). */
export const currentTerms = termsVersion.extend({ publishedAt: timestamp, acceptedAt: timestamp.nullable() });
export type CurrentTerms = z.output<typeof currentTerms>;

export const acceptTermsBody = z.strictObject({ version: text(40) });
export const termsAccepted = z.object({ acceptedAt: timestamp });
