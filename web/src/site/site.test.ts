import { describe, expect, it } from 'vitest';
import { toApiError } from '../api/client.js';
import { parseSite } from './site.js';

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

describe('toApiError', () => {
  it('keeps code, message and correlation id from an error body', () => {
    const error = toApiError({ error: { code: 'internal', message: 'Boom', correlationId: 'abc' } }, 500);
    expect(error).toMatchObject({ code: 'internal', message: 'Boom', correlationId: 'abc' });
  });

  it('describes a body that is not an API error by its status', () => {
    expect(toApiError('<html>', 502)).toMatchObject({ code: 'http_error', correlationId: undefined });
  });
});
