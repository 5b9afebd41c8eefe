import { describe, expect, it } from 'vitest';
import { parseSessionInfo } from './session.js';

const body = {
  user: { username: 'demo.support', fullName: 'Sam Support', roles: ['support'] },
  session: {
    startedAt: '2026-03-01T10:00:00.000Z',
    expiresAt: '2026-03-01T10:05:00.000Z',
    now: '2026-03-01T10:00:00.000Z',
    idleSeconds: 300,
    warningSeconds: 90,
  },
  portal: { remoteDesktop: true, termsAccepted: true },
};

describe('parseSessionInfo', () => {
  it('accepts the documented shape', () => {
    expect(parseSessionInfo(body)).toEqual(body);
  });

  it('drops roles it does not know, which grant nothing here', () => {
    const info = parseSessionInfo({ ...body, user: { ...body.user, roles: ['support', 'admin'] } });
    expect(info?.user.roles).toEqual(['support']);
  });

  it('rejects a session without its timeouts', () => {
    expect(parseSessionInfo({ ...body, session: { ...body.session, idleSeconds: 0 } })).toBeUndefined();
    expect(parseSessionInfo({ ...body, portal: {} })).toBeUndefined();
  });
});
