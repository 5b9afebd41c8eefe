import { describe, expect, it } from 'vitest';
import { site } from './site-contract.js';

const answer = {
  operator: {
    name: 'Test Statistics Office',
    shortName: 'TSO',
    logoUrl: null,
    supportEmail: 'support@example.org',
    supportPhone: null,
    websiteUrl: 'https://example.org',
  },
  defaultLanguage: 'sv',
  loginMethods: ['bankid', 'otp'],
  version: '0.1.0',
};

const methodsOf = (loginMethods: unknown) => site.parse({ ...answer, loginMethods }).loginMethods;

describe('the site contract', () => {
  it('refuses a language the web app has no words for', () => {
    expect(site.safeParse({ ...answer, defaultLanguage: 'de' }).success).toBe(false);
  });

  it('keeps the server’s order of login methods', () => {
    expect(methodsOf(['bankid', 'otp'])).toEqual(['bankid', 'otp']);
    expect(methodsOf(['otp', 'bankid'])).toEqual(['otp', 'bankid']);
  });

  it('leaves out login methods this version does not know, and duplicates', () => {
    expect(methodsOf(['freja', 'bankid', 'bankid', 'otp'])).toEqual(['bankid', 'otp']);
  });

  it('falls back to one-time passwords when the list names nothing this version knows', () => {
    expect(methodsOf([])).toEqual(['otp']);
    expect(methodsOf(['freja'])).toEqual(['otp']);
  });
});
