import { describe, expect, it } from 'vitest';
import { toApiError } from '../api/client.js';
import { parseLoginMethods, parseSite } from './site.js';

const site = {
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

describe('parseSite', () => {
  it('accepts the documented shape', () => {
    expect(parseSite(site)).toEqual(site);
  });

  it('rejects a missing field or an unsupported language', () => {
    expect(parseSite({ ...site, version: undefined })).toBeUndefined();
    expect(parseSite({ ...site, defaultLanguage: 'de' })).toBeUndefined();
    expect(parseSite({ ...site, operator: { ...site.operator, supportPhone: 46 } })).toBeUndefined();
    expect(parseSite(null)).toBeUndefined();
  });
});

describe('parseLoginMethods', () => {
  it('keeps the server’s order', () => {
    expect(parseLoginMethods(['bankid', 'otp'])).toEqual(['bankid', 'otp']);
    expect(parseLoginMethods(['otp', 'bankid'])).toEqual(['otp', 'bankid']);
    expect(parseLoginMethods(['otp'])).toEqual(['otp']);
  });

  it('leaves out methods it does not know, and duplicates', () => {
    expect(parseLoginMethods(['freja', 'bankid', 'bankid', 'otp'])).toEqual(['bankid', 'otp']);
  });

  it('falls back to one-time passwords when the list is missing or names nothing it knows', () => {
    expect(parseLoginMethods(undefined)).toEqual(['otp']);
    expect(parseLoginMethods([])).toEqual(['otp']);
    expect(parseLoginMethods(['freja'])).toEqual(['otp']);
    expect(parseSite({ ...site, loginMethods: undefined })?.loginMethods).toEqual(['otp']);
  });
});

describe('toApiError', () => {
  it('keeps code, message and correlation id from an error body', () => {
    const error = toApiError({ error: { code: 'INTERNAL', message: 'Boom', correlationId: 'abc' } }, 500);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Boom', correlationId: 'abc' });
  });

  it('reads a code the catalogue does not have as an unreadable answer, keeping its correlation id', () => {
    const error = toApiError({ error: { code: 'NEWER_CODE', message: 'New', correlationId: 'abc' } }, 409);
    expect(error).toMatchObject({ code: 'http_error', status: 409, correlationId: 'abc' });
  });

  it('describes a body that is not an API error by its status', () => {
    expect(toApiError('<html>', 502)).toMatchObject({ code: 'http_error', correlationId: undefined });
  });
});
