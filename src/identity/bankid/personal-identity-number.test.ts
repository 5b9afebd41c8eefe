import { describe, expect, it } from 'vitest';
import { maskPin, parsePersonalIdentityNumber, pinHmac } from './personal-identity-number.js';

describe('parsePersonalIdentityNumber', () => {
  it('accepts valid numbers, with or without separator, and coordination numbers', () => {
    expect(parsePersonalIdentityNumber('198112189876')).toBe('198112189876');
    expect(parsePersonalIdentityNumber('19811218-9876')).toBe('198112189876');
    expect(parsePersonalIdentityNumber('190101019800')).toBe('190101019800');
    expect(parsePersonalIdentityNumber('198112789873')).toBe('198112789873');
  });

  it('refuses a wrong check digit, an impossible date, other shapes and other types', () => {
    for (const bad of [
      '198112189875',
      '198113189876',
      '19811232',
      '8112189876',
      '1981121898761',
      'abcdefghijkl',
      '',
    ]) {
      expect(parsePersonalIdentityNumber(bad)).toBeNull();
    }
    expect(parsePersonalIdentityNumber(198112189876)).toBeNull();
    expect(parsePersonalIdentityNumber(null)).toBeNull();
  });
});

describe('storage forms', () => {
  it('hashes under a key and masks the last four digits', () => {
    const key = Buffer.alloc(32, 1);
    expect(pinHmac(key, '198112189876')).toMatch(/^[0-9a-f]{64}$/);
    expect(pinHmac(key, '198112189876')).not.toBe(pinHmac(Buffer.alloc(32, 2), '198112189876'));
    expect(maskPin('198112189876')).toBe('19811218-****');
  });
});
