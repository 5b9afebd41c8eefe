import { describe, expect, it } from 'vitest';
import { accountLinkedMail, welcomeMail } from './messages.js';

const welcome = {
  to: 'ada@example.org',
  fullName: 'Ada Lovelace',
  username: 'ada.lovelace',
  linkUrl: 'https://mona.example/enrol?token=tok_FAKE_0123456789',
  validUntil: new Date('2026-12-12T10:00:00Z'),
  operatorName: 'Demo Statistics Office',
  supportEmail: 'support@mona.example',
};

describe('welcomeMail', () => {
  it('gives the username, the one-time link and until when it is valid, in Swedish and English', () => {
    const mail = welcomeMail(welcome);
    expect(mail.to).toBe('ada@example.org');
    expect(mail.subject).toBe(
      'Ditt nya konto hos Demo Statistics Office / Your new account at Demo Statistics Office',
    );
    for (const body of [mail.text, mail.html ?? '']) {
      expect(body).toContain('ada.lovelace');
      expect(body).toContain('https://mona.example/enrol?token=tok_FAKE_0123456789');
      expect(body).toContain('2026-12-12 10:00 UTC');
      expect(body).toContain('Ditt användarnamn är');
      expect(body).toContain('Your username is');
      expect(body).toContain('Google Authenticator');
      expect(body).toContain('RFC 6238');
      expect(body).toContain('support@mona.example');
    }
    expect(mail.text.indexOf('Hej Ada')).toBeLessThan(mail.text.indexOf('Dear Ada'));
  });

  it('says the password comes by registered post, and holds none', () => {
    const { text, html } = welcomeMail(welcome);
    expect(text).toContain('Det kommer separat i ett rekommenderat brev med posten');
    expect(text).toContain('It comes separately in a registered letter by post');
    expect(text).toContain('at least 12 characters');
    // The special characters as the guide lists them, not "other characters".
    expect(text).toContain('specialtecken (~ ! @ # $ % ^ & * _ - + = ( ) { } [ ] : ; " \' < > , . ?');
    expect(text).toContain('special characters (~ ! @ #');
    // No "password: value" anywhere, in either language.
    expect(`${text}${html}`).not.toMatch(/(password|lösenord)\s*(är|is)?\s*:/i);
  });

  it('escapes every value in the HTML', () => {
    const { html, text } = welcomeMail({
      ...welcome,
      fullName: '<script>alert("x")</script>',
      linkUrl: 'https://mona.example/enrol?a=1&b="2"',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('href="https://mona.example/enrol?a=1&amp;b=&quot;2&quot;"');
    expect(text).toContain('Hej <script>alert("x")</script>,');
  });
});

describe('accountLinkedMail', () => {
  const linked = {
    to: 'ada@example.org',
    fullName: 'Ada Lovelace',
    username: 'ada.lovelace',
    loginUrl: 'https://mona.example/login',
    operatorName: 'Demo Statistics Office',
    supportEmail: 'support@mona.example',
  };

  it('names the method, how to log in from now on, and whom to tell if it was not them', () => {
    const otp = accountLinkedMail({ ...linked, method: 'otp' }).text;
    expect(otp).toContain('kopplat till en autentiseringsapp');
    expect(otp).toContain('linked to an authenticator app');
    expect(otp).toContain('https://mona.example/login');
    expect(otp).toContain('Contact support at once: support@mona.example');

    const bankid = accountLinkedMail({ ...linked, method: 'bankid' }).text;
    expect(bankid).toContain('kopplat till BankID');
    expect(bankid).toContain('linked to BankID');
  });
});
