import { z } from 'zod';
import { text } from '../http/common-contract.js';

/** The login journey (§2.1, §2.3): the country check, then one step per request. */

const BLOCK_REASONS = ['country_not_approved', 'country_unknown', 'private_network_refused'] as const;

/** Whether this visitor's address may log in, and the country it appears to be in. */
export const countryCheck = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true), country: z.string().nullable() }),
  z.object({
    allowed: z.literal(false),
    country: z.string().nullable(),
    // A refusal for a reason this version does not know is still a refusal.
    reason: z.enum(BLOCK_REASONS).catch('country_unknown'),
  }),
]);
export type CountryCheck = z.output<typeof countryCheck>;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** "Accept": the visitor confirms being in an approved country. */
export const startLoginBody = z.strictObject({ acceptApprovedCountry: z.literal(true) });

export const passwordStep = z.strictObject({ username: text(64), password: text(1024) });
export const codeStep = z.strictObject({ code: text(16) });
export const newPasswordStep = z.strictObject({ password: text(1024), repeat: text(1024) });

/** An answer that names the step the browser goes on to. */
export const next = <Step extends string>(step: Step) => z.object({ next: z.literal(step) });

export const NEW_PASSWORD_REASONS = ['first_login', 'expired'] as const;
export type NewPasswordReason = (typeof NEW_PASSWORD_REASONS)[number];

/** After the code: the portal, or a new password first. */
export const codeOutcome = z.discriminatedUnion('next', [
  next('portal'),
  z.object({ next: z.literal('new-password'), reason: z.enum(NEW_PASSWORD_REASONS) }),
]);
export type CodeOutcome = z.output<typeof codeOutcome>;

/** BankID: the username, and the language the broker's pages should speak. */
export const bankIdStartBody = z.strictObject({
  username: text(64),
  language: z.enum(['en', 'sv']).optional(),
});

/** Where the browser goes to identify: an absolute http(s) address. */
export const bankIdStarted = z.object({
  redirectUrl: z.url({ protocol: /^https?$/ }),
});
