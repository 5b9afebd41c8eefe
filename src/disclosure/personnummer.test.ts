import { describe, expect, it } from 'vitest';
import { findIdentityNumbers, identityNumberKind, luhnValid } from './personnummer.js';

const texts = (text: string) => findIdentityNumbers(text).map((found) => found.text);

describe('the Luhn check digit', () => {
  it('holds for the example of the design notes, 640823-323 with 4', () => {
    expect(luhnValid('6408233234')).toBe(true);
    for (const wrong of '012356789') expect(luhnValid(`640823323${wrong}`)).toBe(false);
  });

  it('is over exactly ten digits', () => {
    expect(luhnValid('0')).toBe(false);
    expect(luhnValid('196408233234')).toBe(false);
  });
});

describe('personnummer and samordningsnummer in text', () => {
  it('are found in every written form, with where they start', () => {
    expect(findIdentityNumbers('id: 640823-3234.')).toEqual([
      { kind: 'personnummer', text: '640823-3234', index: 4 },
    ]);
    expect(texts('6408233234;196408233234;19640823-3234;640823+3234')).toEqual([
      '6408233234',
      '196408233234',
      '19640823-3234',
      '640823+3234',
    ]);
  });

  it('tell a samordningsnummer (day plus 60) from a personnummer', () => {
    // 640883: the 23rd plus 60; its check digit over 640883323.
    const serial = [...'0123456789'].map((digit) => `323${digit}`).find((s) => luhnValid(`640883${s}`));
    expect(findIdentityNumbers(`640883-${serial}`)).toEqual([
      { kind: 'samordningsnummer', text: `640883-${serial}`, index: 0 },
    ]);
  });

  it('need a date that exists: no 13th month, no 31 April, 29 February only in leap years', () => {
    expect(identityNumberKind('641323', '3234')).toBeNull();
    expect(identityNumberKind('640431', '0000')).toBeNull();
    expect(identityNumberKind('640000', '0000')).toBeNull();
    const valid = (date: string) =>
      [...'0123456789'].some((digit) => identityNumberKind(date, `000${digit}`) !== null);
    expect(valid('040229')).toBe(true);
    expect(valid('030229')).toBe(false);
    expect(valid('20000229')).toBe(true);
    expect(valid('19000229')).toBe(false);
    expect(valid('640892')).toBe(false);
  });

  it('take only a century of 18, 19 or 20, and no + in the 12-digit form', () => {
    expect(texts('216408233234')).toEqual([]);
    expect(texts('19640823+3234')).toEqual([]);
  });

  it('are not found in decoys: a wrong check digit, phone numbers, dates, times, amounts, versions and case numbers', () => {
    const decoys = [
      '640823-3235',
      '6408233230',
      '070-123 45 67',
      '+46 70 123 45 67',
      '08-123 456 78',
      '2024-01-15',
      '2024-01-15 12:30',
      '15/01/2024',
      '1234567.89',
      '6408233234.5',
      '6 408 233 234',
      'v1.640823.3234',
      'Dnr 2024-012345',
      'order 12345678901234',
      'x6408233234',
      '6408233234kr',
    ];
    for (const decoy of decoys) expect(texts(decoy), decoy).toEqual([]);
  });

  it('are found next to punctuation that separates fields, quotes and brackets', () => {
    expect(texts('"640823-3234",(6408233234)\t196408233234|640823-3234')).toHaveLength(4);
  });
});
