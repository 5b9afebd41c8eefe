import { describe, expect, it } from 'vitest';
import { authenticator } from './enrolment-contract.js';
import { bankIdStarted, codeOutcome, countryCheck } from './login-contract.js';
import { sessionInfo } from './session-contract.js';

// The rules the web app relies on when it reads the identity routes' answers.

describe('the country check', () => {
  it('keeps a refusal a refusal when this version does not know its reason', () => {
    expect(countryCheck.parse({ allowed: false, country: 'US', reason: 'new_reason' })).toEqual({
      allowed: false,
      country: 'US',
      reason: 'country_unknown',
    });
  });
});

describe('the code step', () => {
  it('needs a reason to send the user on to a new password', () => {
    expect(codeOutcome.safeParse({ next: 'new-password', reason: 'expired' }).success).toBe(true);
    expect(codeOutcome.safeParse({ next: 'new-password' }).success).toBe(false);
  });
});

describe('the BankID start', () => {
  it('sends the browser only to an absolute http(s) address', () => {
    const url = 'http://127.0.0.1:43127/auth?client_id=mona-start&state=abc';
    expect(bankIdStarted.parse({ redirectUrl: url }).redirectUrl).toBe(url);
    for (const redirectUrl of ['javascript:alert(1)', '/relative', 'data:text/html,hi'])
      expect(bankIdStarted.safeParse({ redirectUrl }).success).toBe(false);
  });
});

describe('the authenticator', () => {
  it('shows only an inline QR code, the one kind of outside image the page allows', () => {
    const setup = {
      otpauthUri: 'otpauth://totp/MONA:rut?secret=JBSWY3DPEHPK3PXP&issuer=MONA',
      secret: 'JBSWY3DPEHPK3PXP',
      qrCode: 'data:image/svg+xml;base64,PHN2Zy8+',
      issuer: 'MONA',
      accountName: 'rut',
    };
    expect(authenticator.safeParse(setup).success).toBe(true);
    expect(authenticator.safeParse({ ...setup, qrCode: 'https://example.org/qr.svg' }).success).toBe(false);
  });
});

describe('the session', () => {
  const answer = {
    user: { username: 'demo.support', fullName: 'Sam Support', roles: ['support'] },
    session: {
      startedAt: new Date('2026-03-01T10:00:00.000Z'),
      expiresAt: '2026-03-01T10:05:00.000Z',
      now: '2026-03-01T10:00:00.000Z',
      idleSeconds: 300,
      warningSeconds: 90,
    },
    portal: { remoteDesktop: true, termsAccepted: true },
  };

  it('drops roles this version does not know, which grant nothing here', () => {
    const info = sessionInfo.parse({ ...answer, user: { ...answer.user, roles: ['support', 'admin'] } });
    expect(info.user.roles).toEqual(['support']);
  });

  it('carries times as ISO text, whether the server had a Date or text', () => {
    expect(sessionInfo.parse(answer).session.startedAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('refuses a session without its timeouts', () => {
    expect(sessionInfo.safeParse({ ...answer, session: { ...answer.session, idleSeconds: 0 } }).success).toBe(
      false,
    );
  });
});
