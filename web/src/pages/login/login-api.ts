import {
  bankIdStarted,
  type CodeOutcome,
  type CountryCheck,
  codeOutcome,
  countryCheck,
  next,
} from '../../../../src/identity/login-contract.js';
import { getJson, postJson } from '../../api/client.js';

export type {
  BlockReason,
  CodeOutcome,
  CountryCheck,
  NewPasswordReason,
} from '../../../../src/identity/login-contract.js';

/** Whether this visitor's address may log in, and the country it appears to be in. */
export function fetchCountry(): Promise<CountryCheck> {
  return getJson('/api/login/country', countryCheck);
}

export async function confirmApprovedCountry(): Promise<void> {
  await postJson('/api/login/start', { acceptApprovedCountry: true }, next('method'));
}

/** Always answers "on to the code", right or wrong: the verdict comes after the code. */
export async function submitPassword(username: string, password: string): Promise<void> {
  await postJson('/api/login/otp/password', { username, password }, next('code'));
}

export function submitCode(code: string): Promise<CodeOutcome> {
  return postJson('/api/login/otp/code', { code }, codeOutcome);
}

export async function submitNewPassword(password: string, repeat: string): Promise<void> {
  await postJson('/api/login/otp/new-password', { password, repeat }, next('portal'));
}

/**
 * The username for BankID; answers the broker's address, which the browser must then open. `language` is
 * passed on to the broker, so that its pages speak the language chosen here.
 */
export async function startBankIdLogin(username: string, language: 'en' | 'sv'): Promise<string> {
  return (await postJson('/api/login/bankid/start', { username, language }, bankIdStarted)).redirectUrl;
}
