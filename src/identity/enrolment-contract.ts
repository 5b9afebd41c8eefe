import { z } from 'zod';
import { termsVersion } from '../entry/terms-contract.js';
import { text } from '../http/common-contract.js';
import { next } from './login-contract.js';

/** Linking an account to OTP (R6, R11, R12): the mail's link and the letter's password, then three steps. */

export const enrolmentStartBody = z.strictObject({
  token: text(64),
  username: text(64),
  password: text(1024),
});
export const enrolmentStarted = next('new-password');

/** What the authenticator app needs: the QR code to scan, or the secret to type. */
export const authenticator = z.object({
  otpauthUri: z.string(),
  /** Base32. */
  secret: z.string(),
  /** A data: URL, the only kind of image outside this origin the Content-Security-Policy allows. */
  qrCode: z.string().startsWith('data:image/'),
  issuer: z.string(),
  accountName: z.string(),
});
export type Authenticator = z.output<typeof authenticator>;

export const passwordChosen = z.object({ next: z.literal('authenticator'), authenticator });

/** The authenticator works: the terms to accept come next. */
export const authenticatorConfirmed = z.object({ next: z.literal('terms'), terms: termsVersion });

export const enrolmentTermsBody = z.strictObject({ version: text(40), accept: z.literal(true) });
export const enrolmentDone = next('done');
