import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, csrfCredentials, fakeWebRoot, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';

let testDb: TestDatabase;
let t: TestApp;

beforeAll(async () => {
  testDb = await createTestDatabase();
  t = await buildTestApp(testDb.db, { env: { MONA_OPERATOR__NAME: 'Test Office' }, webRoot: fakeWebRoot() });
  t.app.post('/api/test/echo', async (request) => ({ received: request.body }));
  t.app.post(
    '/api/test/validated',
    {
      schema: {
        body: z.strictObject({ name: z.string().max(5) }),
      },
    },
    async () => ({ ok: true }),
  );
  t.app.get('/api/test/crash', async () => {
    throw new Error('connection to db.internal:5432 failed for user admin');
  });
  await t.app.ready();
});
afterAll(async () => {
  await t.app.close();
  await testDb.drop();
});

describe('security headers', () => {
  it('are on pages, API answers and errors alike', async () => {
    for (const url of ['/', '/api/site', '/api/nothing-here']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('keep API answers out of every cache', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/site' });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('errors', () => {
  it('answer an unknown API path with the catalogue code and the correlation id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'Not found or no access.',
        correlationId: response.headers['x-request-id'],
      },
    });
  });

  it('show only a correlation id for an unexpected failure, and log the detail', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/crash' });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('db.internal');
    expect(body.error.correlationId).toBe(response.headers['x-request-id']);
    expect(t.logText()).toContain('db.internal');
    expect(t.logText()).toContain(body.error.correlationId);
  });

  it('name the fields that fail validation', async () => {
    const { cookie, token } = await csrfCredentials(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/validated',
      headers: { cookie, 'x-csrf-token': token },
      payload: { name: 'far too long' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'name' }] });
  });

  it('refuse malformed JSON and oversized bodies with their codes', async () => {
    const { cookie, token } = await csrfCredentials(t.app);
    const headers = { cookie, 'x-csrf-token': token, 'content-type': 'application/json' };
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers,
      payload: '{"a":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_REQUEST');
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers,
      payload: JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('CSRF protection', () => {
  it('refuses a state-changing request without a token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/test/echo', payload: { a: 1 } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('accepts the token with its own cookie, and refuses it with another', async () => {
    const first = await csrfCredentials(t.app);
    const second = await csrfCredentials(t.app);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { cookie: first.cookie, 'x-csrf-token': first.token },
      payload: { a: 1 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ received: { a: 1 } });
    const swapped = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { cookie: first.cookie, 'x-csrf-token': second.token },
      payload: { a: 1 },
    });
    expect(swapped.statusCode).toBe(403);
  });

  it('sets the cookie HttpOnly, Secure and SameSite=Strict', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/csrf-token' });
    expect(response.headers['set-cookie']).toMatch(
      /^__Host-mona-csrf=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  it('refuses a request from another origin even with a valid token', async () => {
    const { cookie, token } = await csrfCredentials(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { cookie, 'x-csrf-token': token, origin: 'https://evil.example' },
      payload: {},
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CROSS_ORIGIN_REFUSED');
  });
});

describe('logs', () => {
  it('say once per request, as it is answered, what was asked and how it was answered', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/site', remoteAddress: '192.0.2.7' });
    const lines = t
      .logText()
      .split('\n')
      .filter((line) => line.includes(response.headers['x-request-id'] as string))
      .map((line) => JSON.parse(line));
    const info = 30;
    expect(lines.filter((line) => line.level >= info)).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: { method: 'GET', url: '/api/site', remoteAddress: '192.0.2.7' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
  });

  it('never contain passwords, tokens, cookies or secret query values', async () => {
    const { cookie, token } = await csrfCredentials(t.app);
    await t.app.inject({
      method: 'POST',
      url: '/api/test/echo?token=query-token-123&page=2',
      headers: { cookie, 'x-csrf-token': token, authorization: 'Bearer bearer-secret-456' },
      payload: { username: 'anna', password: 'Sup3r-secret-pw!', otp: '123456' },
    });
    const logs = t.logText();
    expect(logs).toContain('/api/test/echo?token=%5Bredacted%5D&page=2');
    for (const secret of [
      'query-token-123',
      'bearer-secret-456',
      'Sup3r-secret-pw!',
      token,
      cookie.split('=')[1],
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('health', () => {
  it('reports live and ready on a migrated database', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('reports not ready when its database is gone', async () => {
    const doomed = await createTestDatabase();
    const other = await buildTestApp(doomed.db);
    await doomed.drop().catch(() => {});
    const response = await other.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('NOT_READY');
    await other.app.close();
  });
});

describe('site and web app', () => {
  it('tells visitors who runs the installation', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/site' });
    expect(response.json()).toEqual({
      operator: {
        name: 'Test Office',
        shortName: 'DSO',
        logoUrl: null,
        supportEmail: 'support@mona.example',
        supportPhone: null,
        websiteUrl: null,
      },
      defaultLanguage: 'en',
      loginMethods: ['otp'],
      version: 'test',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/site/logo' })).statusCode).toBe(404);
  });

  it('answers any page path with the app, but not unknown API paths or other methods', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/some/deep/page' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('mona test page');
    expect((await t.app.inject({ method: 'GET', url: '/api/unknown' })).statusCode).toBe(404);
    const { cookie, token } = await csrfCredentials(t.app);
    const deletion = await t.app.inject({
      method: 'DELETE',
      url: '/some/page',
      headers: { cookie, 'x-csrf-token': token },
    });
    expect(deletion.statusCode).toBe(404);
  });
});
