import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { durationText, isTransient, websocketUrl } from './desktop-api.js';

describe('websocketUrl', () => {
  it('is secure when the page is', () => {
    const path = '/api/desktop/vnc?ticket=abc';
    expect(websocketUrl(path, { protocol: 'https:', host: 'mona.example' })).toBe(
      'wss://mona.example/api/desktop/vnc?ticket=abc',
    );
    expect(websocketUrl(path, { protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/api/desktop/vnc?ticket=abc',
    );
  });
});

describe('isTransient', () => {
  it('is true for no answer and for the server’s own trouble, not for a refusal', () => {
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
    expect(isTransient(new ApiError('NO_SESSION_HOST', 'none', { status: 503 }))).toBe(true);
    expect(isTransient(new ApiError('DESKTOP_START_FAILED', 'failed', { status: 502 }))).toBe(true);
    expect(isTransient(new ApiError('DESKTOP_NOT_ALLOWED', 'no', { status: 403 }))).toBe(false);
    expect(isTransient(new ApiError('invalid_response', 'odd'))).toBe(false);
  });
});

describe('durationText', () => {
  const units = {
    hours: (n: number) => `${n} h`,
    minutes: (n: number) => `${n} min`,
    seconds: (n: number) => `${n} s`,
  };
  it('says a limit in the largest unit that is exact', () => {
    expect(durationText(57_600, units)).toBe('16 h');
    expect(durationText(1800, units)).toBe('30 min');
    expect(durationText(90, units)).toBe('90 s');
  });
});
