import { describe, expect, it } from 'vitest';
import { groupSecret, parseAuthenticator } from './enrolment-api.js';

describe('groupSecret', () => {
  it('groups the key in fours', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('JBSWY3DPEH')).toBe('JBSW Y3DP EH');
    expect(groupSecret('')).toBe('');
  });
});

describe('parseAuthenticator', () => {
  const authenticator = {
    otpauthUri: 'otpauth://totp/MONA:rut?secret=JBSWY3DPEHPK3PXP&issuer=MONA',
    secret: 'JBSWY3DPEHPK3PXP',
    qrCode: 'data:image/svg+xml;base64,PHN2Zy8+',
    issuer: 'MONA',
    accountName: 'rut',
  };

  it('accepts the documented answer', () => {
    expect(parseAuthenticator({ next: 'authenticator', authenticator })).toEqual(authenticator);
  });

  it('refuses a QR code that is not an inline image', () => {
    const remote = { ...authenticator, qrCode: 'https://example.org/qr.svg' };
    expect(parseAuthenticator({ next: 'authenticator', authenticator: remote })).toBeUndefined();
  });
});
