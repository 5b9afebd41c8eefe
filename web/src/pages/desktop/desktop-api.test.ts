import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { durationText, isTransient, parseDesktopStatus, parseOpened, websocketUrl } from './desktop-api.js';

const session = {
  id: '0b8d6f7e-5c2a-4f1e-9d3b-7a6c5e4d3c2b',
  state: 'running',
  connected: false,
  startedAt: '2026-03-01T08:00:00.000Z',
  disconnectedSince: '2026-03-01T10:00:00.000Z',
  endsAt: '2026-03-02T02:00:00.000Z',
  host: 'host-1',
};
const body = {
  available: true,
  allowed: true,
  session,
  limits: { idleSeconds: 1800, disconnectedSeconds: 57600 },
  pasteIn: null,
  rdpFile: { validSeconds: 120 },
};

describe('parseDesktopStatus', () => {
  it('accepts the documented shape, with or without a session', () => {
    expect(parseDesktopStatus(body)).toEqual({
      available: true,
      allowed: true,
      session: {
        state: 'running',
        connected: false,
        disconnectedSince: '2026-03-01T10:00:00.000Z',
        endsAt: '2026-03-02T02:00:00.000Z',
      },
      limits: { idleSeconds: 1800, disconnectedSeconds: 57600 },
      rdpFile: { validSeconds: 120 },
    });
    expect(parseDesktopStatus({ ...body, session: null })?.session).toBeNull();
  });

  it('rejects a session in a state it does not know, or without its connection flag', () => {
    expect(parseDesktopStatus({ ...body, session: { ...session, state: 'ended' } })).toBeUndefined();
    expect(parseDesktopStatus({ ...body, session: { ...session, connected: 'yes' } })).toBeUndefined();
    expect(parseDesktopStatus({ ...body, session: { ...session, endsAt: 5 } })).toBeUndefined();
    expect(parseDesktopStatus({ ...body, session: undefined })).toBeUndefined();
  });

  it('rejects an answer without its flags or limits', () => {
    expect(parseDesktopStatus({ ...body, allowed: undefined })).toBeUndefined();
    expect(parseDesktopStatus({ ...body, rdpFile: true })).toBeUndefined();
    expect(parseDesktopStatus({ ...body, rdpFile: { validSeconds: 0 } })).toBeUndefined();
    expect(parseDesktopStatus({ ...body, rdpFile: null })?.rdpFile).toBeNull();
    expect(parseDesktopStatus({ ...body, limits: { idleSeconds: 1800 } })).toBeUndefined();
    expect(
      parseDesktopStatus({ ...body, limits: { idleSeconds: 0, disconnectedSeconds: 57600 } }),
    ).toBeUndefined();
    expect(parseDesktopStatus({ configured: false })).toBeUndefined();
  });
});

describe('parseOpened', () => {
  it('takes a path on this origin and nothing else', () => {
    const path = '/api/desktop/vnc?ticket=abc';
    expect(parseOpened({ sessionId: 's', ticket: 'abc', websocketPath: path })).toBe(path);
    expect(parseOpened({ websocketPath: 'wss://elsewhere.example/vnc' })).toBeUndefined();
    expect(parseOpened({ websocketPath: '//elsewhere.example/vnc' })).toBeUndefined();
    expect(parseOpened({ ticket: 'abc' })).toBeUndefined();
  });
});

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
