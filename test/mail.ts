import { createSmtpMailer, type Mailer } from '../src/notify/mailer.js';

/** A mailer that sends, over real SMTP, to the catcher listening on `port`. */
export function mailerTo(port: number): Mailer {
  return createSmtpMailer({
    host: '127.0.0.1',
    port,
    secure: false,
    user: null,
    password: null,
    from: 'Test <support@mona.test>',
  });
}
