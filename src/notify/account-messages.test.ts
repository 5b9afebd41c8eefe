import { describe, expect, it } from 'vitest';
import { accountLockedMail } from './account-messages.js';

describe('accountLockedMail', () => {
  const mail = accountLockedMail({
    to: 'ada@example.org',
    fullName: 'Ada Lovelace',
    username: 'ada.lovelace',
    until: new Date('2026-11-28T10:15:00Z'),
    ip: '192.0.2.10',
    operatorName: 'Demo Statistics Office',
    supportEmail: 'support@mona.example',
  });

  it('says until when, from where, and that the password given was right, in Swedish and English', () => {
    expect(mail.to).toBe('ada@example.org');
    expect(mail.subject).toBe('Inloggningen är spärrad / Logging in is locked – Demo Statistics Office');
    for (const body of [mail.text, mail.html ?? '']) {
      expect(body).toContain('ada.lovelace');
      expect(body).toContain('2026-11-28 10:15 UTC');
      expect(body).toContain('192.0.2.10');
      expect(body).toContain('Lösenordet som angavs var rätt.');
      expect(body).toContain('The password given was right.');
    }
  });

  it('tells the owner whom to contact if it was not them', () => {
    expect(mail.text).toContain('Kontakta supporten genast, så att lösenordet byts: support@mona.example');
    expect(mail.text).toContain('Contact support at once, so that it is changed: support@mona.example');
  });
});
