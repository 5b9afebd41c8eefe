import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../net/ports.js';
import { createSmtpMailer, MailError } from './mailer.js';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher.js';

const from = 'Demo Statistics Office <support@mona.example>';
let catcher: SmtpCatcher;

beforeAll(async () => {
  catcher = await startSmtpCatcher();
});
afterAll(() => catcher.close());

describe('createSmtpMailer', () => {
  it('delivers text and HTML over real SMTP', async () => {
    const mailer = createSmtpMailer({ ...catcher, secure: false, user: null, password: null, from });
    const sent = await mailer.send({
      to: 'ada@example.org',
      subject: 'Välkommen / Welcome',
      text: 'Hej Åsa\nHello',
      html: '<p>Hej Åsa</p>',
    });
    mailer.close();

    const caught = await catcher.waitFor((mail) => mail.subject === 'Välkommen / Welcome');
    expect(sent.messageId).toMatch(/^<.+@mona\.example>$/);
    expect(caught.from).toBe('"Demo Statistics Office" <support@mona.example>');
    expect(caught.to).toEqual(['ada@example.org']);
    expect(caught.text.trim()).toBe('Hej Åsa\nHello');
    expect(caught.html).toContain('<p>Hej Åsa</p>');
  });

  it('fails with a MailError naming the server when nothing listens, without the password', async () => {
    const port = await findFreePort('127.0.0.1');
    const password = 'S3cret-relay-pw';
    const mailer = createSmtpMailer({ host: '127.0.0.1', port, secure: false, user: 'mona', password, from });
    const started = Date.now();
    const error = await mailer
      .send({ to: 'ada@example.org', subject: 's', text: 't' })
      .catch((e: unknown) => e);
    mailer.close();

    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).message).toContain(`127.0.0.1:${port}`);
    expect((error as MailError).message).not.toContain(password);
    expect((error as MailError).message).not.toContain('\n');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('will not send credentials to a server that offers no TLS', async () => {
    const password = 'S3cret-relay-pw';
    const mailer = createSmtpMailer({ ...catcher, secure: false, user: 'mona', password, from });
    const error = await mailer
      .send({ to: 'ada@example.org', subject: 'never', text: 't' })
      .catch((e: unknown) => e);
    mailer.close();

    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).message).not.toContain(password);
    expect(catcher.messages().some((mail) => mail.subject === 'never')).toBe(false);
  });
});
