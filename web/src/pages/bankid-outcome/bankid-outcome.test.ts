import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { sv } from '../../i18n/sv.js';
import { bankIdOutcomes, outcomeFrom, outcomeText } from './bankid-outcome.js';

describe('outcomeFrom', () => {
  it('reads each outcome the server sends', () => {
    for (const outcome of bankIdOutcomes) expect(outcomeFrom(`?outcome=${outcome}`)).toBe(outcome);
  });

  it('reads an unknown, missing or odd outcome as a failure', () => {
    expect(outcomeFrom('?outcome=portal')).toBe('failed');
    expect(outcomeFrom('?outcome=toString')).toBe('failed');
    expect(outcomeFrom('?outcome=')).toBe('failed');
    expect(outcomeFrom('')).toBe('failed');
  });
});

describe('outcomeText', () => {
  it('tells a first-time user that support will link the account', () => {
    const text = outcomeText('requested', en);
    expect(text.text).toBe(
      'Your BankID login has been recorded. Your account is not yet linked to your BankID: support will check it, link the account and e-mail you. This can take a few days. Then log in the same way.',
    );
    expect(text).toMatchObject({ kind: 'notice', retry: false });
    expect(outcomeText('requested', sv).text).toContain('supporten kontrollerar det');
  });

  it('words each refusal', () => {
    expect(outcomeText('failed', en)).toMatchObject({ text: 'The BankID login failed.', retry: true });
    expect(outcomeText('cancelled', en).text).toBe('You cancelled the identification.');
    expect(outcomeText('unavailable', en).text).toBe(
      'BankID cannot be reached right now. Try again in a while.',
    );
    expect(outcomeText('expired', en).text).toBe('The login took too long or was interrupted. Start again.');
    expect(outcomeText('country', en)).toMatchObject({ text: en.errors.countryNotApproved, retry: false });
  });

  it('has a title and a text for every outcome in both languages, all different', () => {
    for (const t of [en, sv]) {
      const texts = bankIdOutcomes.map((outcome) => outcomeText(outcome, t));
      for (const text of texts) {
        expect(text.title).not.toBe('');
        expect(text.text).not.toBe('');
      }
      expect(new Set(texts.map((text) => text.text)).size).toBe(bankIdOutcomes.length);
    }
    expect(outcomeText('cancelled', sv).text).toBe('Du avbröt legitimeringen.');
  });
});
