import { isRecord, isString, type Parse, postJson } from '../../api/client.js';
import { parseTermsVersion, type TermsVersion } from '../../terms/terms.js';

/** What the authenticator app needs: the QR code to scan, or the secret to type. */
export interface Authenticator {
  otpauthUri: string;
  /** Base32. */
  secret: string;
  /** A data: URL, the only kind of image outside this origin the Content-Security-Policy allows. */
  qrCode: string;
  issuer: string;
  accountName: string;
}

export function parseAuthenticator(body: unknown): Authenticator | undefined {
  if (!isRecord(body) || body.next !== 'authenticator' || !isRecord(body.authenticator)) return undefined;
  const { otpauthUri, secret, qrCode, issuer, accountName } = body.authenticator;
  if (!isString(otpauthUri) || !isString(secret) || !isString(issuer) || !isString(accountName))
    return undefined;
  if (!isString(qrCode) || !qrCode.startsWith('data:image/')) return undefined;
  return { otpauthUri, secret, qrCode, issuer, accountName };
}

const next =
  (step: string): Parse<true> =>
  (body) =>
    isRecord(body) && body.next === step ? true : undefined;

/** The token from the welcome mail's link, with the username and the initial password from the letter. */
export async function startEnrolment(token: string, username: string, password: string): Promise<void> {
  await postJson('/api/enrolment/start', { token, username, password }, next('new-password'));
}

export function choosePassword(password: string, repeat: string): Promise<Authenticator> {
  return postJson('/api/enrolment/password', { password, repeat }, parseAuthenticator);
}

export function confirmAuthenticator(code: string): Promise<TermsVersion> {
  return postJson('/api/enrolment/authenticator', { code }, (body) =>
    isRecord(body) && body.next === 'terms' ? parseTermsVersion(body.terms) : undefined,
  );
}

export async function acceptEnrolmentTerms(version: string): Promise<void> {
  await postJson('/api/enrolment/terms', { version, accept: true }, next('done'));
}

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to read and type. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}
