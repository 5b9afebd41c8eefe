import {
  type Authenticator,
  authenticatorConfirmed,
  enrolmentDone,
  enrolmentStarted,
  passwordChosen,
} from '../../../../src/identity/enrolment-contract.js';
import { postJson } from '../../api/client.js';
import type { TermsVersion } from '../../terms/terms.js';

export type { Authenticator };

/** The token from the welcome mail's link, with the username and the initial password from the letter. */
export async function startEnrolment(token: string, username: string, password: string): Promise<void> {
  await postJson('/api/enrolment/start', { token, username, password }, enrolmentStarted);
}

export async function choosePassword(password: string, repeat: string): Promise<Authenticator> {
  return (await postJson('/api/enrolment/password', { password, repeat }, passwordChosen)).authenticator;
}

export async function confirmAuthenticator(code: string): Promise<TermsVersion> {
  return (await postJson('/api/enrolment/authenticator', { code }, authenticatorConfirmed)).terms;
}

export async function acceptEnrolmentTerms(version: string): Promise<void> {
  await postJson('/api/enrolment/terms', { version, accept: true }, enrolmentDone);
}

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to read and type. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}
