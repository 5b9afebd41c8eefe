import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { redactQuery } from './logging.js';
import { installSecurityHeaders } from './security-headers.js';

async function headersWith(tls: boolean) {
  const app = Fastify();
  installSecurityHeaders(app, { tls });
  app.get('/', async () => 'ok');
  const response = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return response.headers;
}

describe('security headers', () => {
  it('send HSTS only over TLS', async () => {
    expect((await headersWith(true))['strict-transport-security']).toBe(
      'max-age=63072000; includeSubDomains',
    );
    expect((await headersWith(false))['strict-transport-security']).toBeUndefined();
  });
});

describe('redactQuery', () => {
  it('hides the values of secret-looking parameters only', () => {
    expect(redactQuery('/cb?code=abc&state=xyz&lang=sv')).toBe(
      '/cb?code=%5Bredacted%5D&state=%5Bredacted%5D&lang=sv',
    );
    expect(redactQuery('/plain/path')).toBe('/plain/path');
  });
});
