import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from './mailer.js';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher.js';

let catcher: SmtpCatcher | undefined;
afterEach(() => catcher?.close());

async function sendAll(to: SmtpCatcher, subjects: string[]): Promise<void> {
  const mailer = createSmtpMailer({
    ...to,
    secure: false,
    user: null,
    password: null,
    from: 'test@mona.example',
  });
  for (const subject of subjects) await mailer.send({ to: 'ada@example.org', subject, text: subject });
  mailer.close();
}

describe('startSmtpCatcher', () => {
  it('listens on loopback only, on a free port', async () => {
    catcher = await startSmtpCatcher();
    expect(catcher.host).toBe('127.0.0.1');
    expect(catcher.port).toBeGreaterThan(0);
  });

  it('keeps only the newest mail, newest first', async () => {
    catcher = await startSmtpCatcher({ maxMessages: 3 });
    await sendAll(catcher, ['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(catcher.messages().map((mail) => mail.subject)).toEqual(['m5', 'm4', 'm3']);
  });

  it('waitFor finds mail already caught and mail still to come', async () => {
    catcher = await startSmtpCatcher();
    await sendAll(catcher, ['early']);
    await expect(catcher.waitFor((mail) => mail.subject === 'early')).resolves.toMatchObject({
      subject: 'early',
    });

    const later = catcher.waitFor((mail) => mail.subject === 'later');
    await sendAll(catcher, ['other', 'later']);
    await expect(later).resolves.toMatchObject({ subject: 'later', to: ['ada@example.org'] });
  });

  it('waitFor rejects with a clear error after the timeout', async () => {
    catcher = await startSmtpCatcher();
    await expect(catcher.waitFor(() => false, 50)).rejects.toThrow(
      'no matching mail arrived within 50 ms (0 caught)',
    );
  });

  it('close rejects whoever still waits', async () => {
    const closing = await startSmtpCatcher();
    const waiting = expect(closing.waitFor(() => false, 10_000)).rejects.toThrow(
      'the SMTP catcher was closed',
    );
    await closing.close();
    await waiting;
  });
});
