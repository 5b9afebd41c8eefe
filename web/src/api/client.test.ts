import { describe, expect, it } from 'vitest';
import { toApiError } from './client.js';

describe('toApiError', () => {
  it('keeps code, message and correlation id from an error body', () => {
    const error = toApiError({ error: { code: 'INTERNAL', message: 'Boom', correlationId: 'abc' } }, 500);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Boom', correlationId: 'abc' });
  });

  it('reads a code the catalogue does not have as an unreadable answer, keeping its correlation id', () => {
    const error = toApiError({ error: { code: 'NEWER_CODE', message: 'New', correlationId: 'abc' } }, 409);
    expect(error).toMatchObject({ code: 'http_error', status: 409, correlationId: 'abc' });
  });

  it('keeps the fields a refusal names', () => {
    const body = {
      error: { code: 'VALIDATION_FAILED', message: 'No', fields: [{ field: 'note', problem: 'empty' }] },
    };
    expect(toApiError(body, 400).problemWith('note')).toBe('empty');
  });

  it('describes a body that is not an API error by its status', () => {
    expect(toApiError('<html>', 502)).toMatchObject({ code: 'http_error', correlationId: undefined });
  });
});
