import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { sv } from '../i18n/sv.js';
import { ApiError, type ApiErrorCode } from './client.js';
import { errorText, passwordRuleText } from './error-text.js';

const apiError = (code: ApiErrorCode, fields: { field: string; problem: string }[] = []) =>
  new ApiError(code, 'server words', { status: 400, correlationId: 'req-1', fields });

describe('errorText', () => {
  it('words a failed login the same way whatever went wrong', () => {
    expect(errorText(apiError('LOGIN_FAILED'), en).text).toBe('The username, password or code is wrong.');
    expect(errorText(apiError('LOGIN_FAILED'), sv).text).toBe(
      'Användarnamnet, lösenordet eller koden är fel.',
    );
  });

  it('says how many minutes a lock has left, rounded up', () => {
    const locked = apiError('LOGIN_LOCKED', [{ field: 'retryAfterSeconds', problem: '601' }]);
    expect(errorText(locked, en).text).toContain('Try again in 11 minutes.');
    const lastSeconds = apiError('LOGIN_LOCKED', [{ field: 'retryAfterSeconds', problem: '20' }]);
    expect(errorText(lastSeconds, en).text).toContain('Try again in 1 minute.');
    expect(errorText(lastSeconds, sv).text).toContain('Försök igen om 1 minut.');
  });

  it('says how long to wait before trying a password again', () => {
    const wait = (seconds: string) =>
      apiError('RATE_LIMITED', [{ field: 'retryAfterSeconds', problem: seconds }]);
    expect(errorText(wait('8'), en).text).toBe('Too many attempts. Try again in 8 seconds.');
    expect(errorText(wait('1'), sv).text).toBe('För många försök. Försök igen om 1 sekund.');
    expect(errorText(wait('900'), en).text).toBe('Too many attempts. Try again in 15 minutes.');
    expect(errorText(apiError('RATE_LIMITED'), en).text).toBe(en.errors.rateLimited);
  });

  it('still reports a lock whose remaining time is missing', () => {
    expect(errorText(apiError('LOGIN_LOCKED'), en).text).toBe(en.errors.loginLockedWhile);
  });

  it('names the password rule that failed', () => {
    const refused = apiError('PASSWORD_POLICY', [{ field: 'password', problem: 'contains_username' }]);
    expect(errorText(refused, en).text).toBe('The password must not contain your username.');
    const easy = apiError('PASSWORD_POLICY', [
      { field: 'password', problem: 'easy_to_guess' },
      { field: 'passwordHint', problem: 'common' },
    ]);
    expect(errorText(easy, sv).text).toBe(`${sv.passwordRule.easy_to_guess} ${sv.passwordHint.common}`);
  });

  it('gives the correlation id only for errors the user cannot act on', () => {
    expect(errorText(apiError('INTERNAL'), en)).toEqual({ text: en.errors.unexpected, reference: 'req-1' });
    expect(errorText(apiError('LOGIN_FAILED'), en).reference).toBeUndefined();
  });

  it('says BankID cannot be reached, in either language', () => {
    expect(errorText(apiError('BANKID_UNAVAILABLE'), en).text).toBe(
      'BankID cannot be reached right now. Try again in a while.',
    );
    expect(errorText(apiError('BANKID_UNAVAILABLE'), sv).text).toBe(sv.errors.bankidUnavailable);
    expect(errorText(apiError('BANKID_UNAVAILABLE'), en).reference).toBeUndefined();
  });

  it('explains why a link request cannot be approved', () => {
    expect(errorText(apiError('LINK_REQUEST_UNUSABLE'), en).text).toBe(en.errors.linkRequestUnusable);
  });

  it('tells why an RDP file was refused, in either language, rather than "unexpected"', () => {
    expect(errorText(apiError('RDP_UNAVAILABLE'), en)).toEqual({
      text: 'Remote Desktop by RDP file is not available for your session right now. Use “Open in browser” instead.',
    });
    expect(errorText(apiError('RDP_UNAVAILABLE'), sv).text).toBe(
      'Fjärrskrivbord med RDP-fil är inte tillgängligt för din session just nu. Använd ”Öppna i webbläsaren” i stället.',
    );
  });

  it('asks for a reload when the security token is refused even after a fresh one', () => {
    expect(errorText(apiError('CSRF_TOKEN_INVALID'), en).text).toBe(en.errors.csrfTokenInvalid);
    expect(errorText(apiError('CSRF_TOKEN_INVALID'), sv).text).toBe(sv.errors.csrfTokenInvalid);
  });

  it('treats a call that got no answer as a network problem', () => {
    expect(errorText(new TypeError('Failed to fetch'), en).text).toBe(en.errors.network);
  });
});

describe('passwordRuleText', () => {
  it('falls back to a general text for a rule it does not know', () => {
    expect(passwordRuleText('too_short', en)).toBe(en.passwordRule.too_short);
    expect(passwordRuleText('new_rule', en)).toBe(en.passwordRule.other);
    expect(passwordRuleText('toString', en)).toBe(en.passwordRule.other);
    expect(passwordRuleText(undefined, en)).toBe(en.passwordRule.other);
  });

  it('says why an easy password is easy to guess, when the server could tell', () => {
    expect(passwordRuleText('easy_to_guess', en, 'personal')).toBe(
      'The password is easy to guess. Choose a longer or less predictable one, such as a few unrelated words. Yours is too close to your name or username.',
    );
    expect(passwordRuleText('easy_to_guess', sv, 'pattern')).toBe(
      `${sv.passwordRule.easy_to_guess} ${sv.passwordHint.pattern}`,
    );
    expect(passwordRuleText('easy_to_guess', en, 'new_hint')).toBe(en.passwordRule.easy_to_guess);
    expect(passwordRuleText('easy_to_guess', en)).toBe(en.passwordRule.easy_to_guess);
    expect(passwordRuleText('too_short', en, 'common')).toBe(en.passwordRule.too_short);
  });
});
