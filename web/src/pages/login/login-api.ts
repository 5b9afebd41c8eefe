import { getJson, isRecord, isString, type Parse, postJson } from '../../api/client.js';

export type BlockReason = 'country_not_approved' | 'country_unknown' | 'private_network_refused';

/** Whether this visitor's address may log in, and the country it appears to be in. */
export type CountryCheck =
  | { allowed: true; country: string | null }
  | { allowed: false; country: string | null; reason: BlockReason };

const blockReasons: BlockReason[] = ['country_not_approved', 'country_unknown', 'private_network_refused'];

export function parseCountryCheck(body: unknown): CountryCheck | undefined {
  if (!isRecord(body) || !(body.country === null || isString(body.country))) return undefined;
  const { allowed, country, reason } = body;
  if (allowed === true) return { allowed, country };
  const known = blockReasons.find((candidate) => candidate === reason);
  // A refusal for a reason this version does not know is still a refusal.
  if (allowed === false) return { allowed, country, reason: known ?? 'country_unknown' };
  return undefined;
}

/** Accepts an answer whose `next` names the expected step. */
const next =
  (step: string): Parse<true> =>
  (body) =>
    isRecord(body) && body.next === step ? true : undefined;

export function fetchCountry(): Promise<CountryCheck> {
  return getJson('/api/login/country', parseCountryCheck);
}

export async function confirmApprovedCountry(): Promise<void> {
  await postJson('/api/login/start', { acceptApprovedCountry: true }, next('method'));
}

/** Always answers "on to the code", right or wrong: the verdict comes after the code. */
export async function submitPassword(username: string, password: string): Promise<void> {
  await postJson('/api/login/otp/password', { username, password }, next('code'));
}

export type NewPasswordReason = 'first_login' | 'expired';
export type CodeOutcome = { next: 'portal' } | { next: 'new-password'; reason: NewPasswordReason };

export function parseCodeOutcome(body: unknown): CodeOutcome | undefined {
  if (!isRecord(body)) return undefined;
  if (body.next === 'portal') return { next: 'portal' };
  if (body.next === 'new-password' && (body.reason === 'first_login' || body.reason === 'expired')) {
    return { next: 'new-password', reason: body.reason };
  }
  return undefined;
}

export function submitCode(code: string): Promise<CodeOutcome> {
  return postJson('/api/login/otp/code', { code }, parseCodeOutcome);
}

export async function submitNewPassword(password: string, repeat: string): Promise<void> {
  await postJson('/api/login/otp/new-password', { password, repeat }, next('portal'));
}

/** Accepts `{ redirectUrl }` with an absolute http(s) address: where the browser goes to identify. */
export function parseBankIdStart(body: unknown): string | undefined {
  if (!isRecord(body) || !isString(body.redirectUrl)) return undefined;
  try {
    const url = new URL(body.redirectUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The username for BankID; answers the broker's address, which the browser must then open. */
/** `language` is passed on to the broker, so that its pages speak the language chosen here. */
export function startBankIdLogin(username: string, language: 'en' | 'sv'): Promise<string> {
  return postJson('/api/login/bankid/start', { username, language }, parseBankIdStart);
}
