import { describe, expect, it } from 'vitest';
import { parseBankIdStart, parseCodeOutcome, parseCountryCheck } from './login-api.js';

describe('parseCountryCheck', () => {
  it('accepts the documented answers', () => {
    expect(parseCountryCheck({ allowed: true, country: 'SE' })).toEqual({ allowed: true, country: 'SE' });
    expect(parseCountryCheck({ allowed: false, country: null, reason: 'country_unknown' })).toEqual({
      allowed: false,
      country: null,
      reason: 'country_unknown',
    });
  });

  it('keeps a refusal a refusal, whatever its reason', () => {
    expect(parseCountryCheck({ allowed: false, country: 'US', reason: 'new_reason' })).toMatchObject({
      allowed: false,
    });
  });

  it('rejects other shapes', () => {
    expect(parseCountryCheck({ allowed: 'yes', country: 'SE' })).toBeUndefined();
    expect(parseCountryCheck({ allowed: true })).toBeUndefined();
  });
});

describe('parseCodeOutcome', () => {
  it('knows the portal and the two reasons for a new password', () => {
    expect(parseCodeOutcome({ next: 'portal' })).toEqual({ next: 'portal' });
    expect(parseCodeOutcome({ next: 'new-password', reason: 'expired' })).toEqual({
      next: 'new-password',
      reason: 'expired',
    });
    expect(parseCodeOutcome({ next: 'new-password' })).toBeUndefined();
  });
});

describe('parseBankIdStart', () => {
  it('accepts the broker’s address', () => {
    const url = 'http://127.0.0.1:43127/auth?client_id=mona-start&state=abc';
    expect(parseBankIdStart({ redirectUrl: url })).toBe(url);
    expect(parseBankIdStart({ redirectUrl: 'https://broker.example/auth?x=1' })).toBe(
      'https://broker.example/auth?x=1',
    );
  });

  it('refuses anything the browser should not be sent to', () => {
    expect(parseBankIdStart({ redirectUrl: 'javascript:alert(1)' })).toBeUndefined();
    expect(parseBankIdStart({ redirectUrl: '/relative' })).toBeUndefined();
    expect(parseBankIdStart({ redirectUrl: 42 })).toBeUndefined();
    expect(parseBankIdStart({})).toBeUndefined();
  });
});
