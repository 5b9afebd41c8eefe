import { describe, expect, it } from 'vitest';
import { isPersonalIdentityNumber, subjectFor, TEST_IDENTITIES, typedIdentity } from './test-identities.js';

describe('TEST_IDENTITIES', () => {
  it('are valid numbers born 1950 to 2000, with distinct subjects', () => {
    for (const identity of TEST_IDENTITIES) {
      expect(isPersonalIdentityNumber(identity.personalIdentityNumber)).toBe(true);
      const year = Number(identity.personalIdentityNumber.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(1950);
      expect(year).toBeLessThanOrEqual(2000);
      expect(identity.name).toBe(`${identity.givenName} ${identity.familyName}`);
    }
    expect(new Set(TEST_IDENTITIES.map((i) => subjectFor(i.personalIdentityNumber))).size).toBe(
      TEST_IDENTITIES.length,
    );
  });
});

describe('isPersonalIdentityNumber', () => {
  it('accepts a valid date and check digit, and coordination numbers', () => {
    expect(isPersonalIdentityNumber('196503129840')).toBe(true);
    expect(isPersonalIdentityNumber('196503729847')).toBe(true);
  });

  it('refuses a wrong check digit, an impossible date and other shapes', () => {
    for (const bad of [
      '196503129841',
      '196513129848',
      '196502309849',
      '6503129840',
      '19650312984',
      'x96503129840',
    ]) {
      expect(isPersonalIdentityNumber(bad)).toBe(false);
    }
  });
});

describe('typedIdentity', () => {
  it('takes a number with separators and splits the name', () => {
    expect(typedIdentity('19650312-9840', '  Anna Maria  Provare ')).toEqual({
      personalIdentityNumber: '196503129840',
      name: 'Anna Maria Provare',
      givenName: 'Anna Maria',
      familyName: 'Provare',
    });
  });

  it('refuses a bad number, a single name, and an overlong name', () => {
    expect(typedIdentity('196503129841', 'Anna Provare')).toBe('invalid-number');
    expect(typedIdentity('196503129840', 'Anna')).toBe('invalid-name');
    expect(typedIdentity('196503129840', `Anna ${'x'.repeat(100)}`)).toBe('invalid-name');
  });
});
