import type { Config } from '../config/schema.js';
import { createSmtpMailer, type Mailer } from '../notify/mailer.js';
import { type CaughtMail, startSmtpCatcher } from '../notify/smtp-catcher.js';
import { readRunFile, writeRunFile } from './run-files.js';

export interface MailSetup {
  mailer: Mailer | null;
  caughtMail: (() => CaughtMail[]) | null;
  close(): Promise<void>;
}

export function senderAddress(config: Config): string {
  return config.mail.from ?? `${config.operator.name} <${config.operator.supportEmail}>`;
}

/**
 * The configured relay; or, for `mona start` without one, an SMTP catcher of
 * its own on loopback, whose mail support staff read in the web app. Its port
 * is left in the data dir so that operator commands can send through it.
 */
export async function setUpMail(
  config: Config,
  dataDir: string,
  mode: 'start' | 'serve',
): Promise<MailSetup> {
  if (config.mail.smtp) {
    const mailer = createSmtpMailer({ ...config.mail.smtp, from: senderAddress(config) });
    return { mailer, caughtMail: null, close: async () => mailer.close() };
  }
  if (mode === 'serve') return { mailer: null, caughtMail: null, close: async () => {} };
  const catcher = await startSmtpCatcher();
  writeRunFile(dataDir, 'smtp-catcher', { port: catcher.port });
  const mailer = catcherMailer(config, catcher.port);
  return {
    mailer,
    caughtMail: () => catcher.messages(),
    close: async () => {
      mailer.close();
      await catcher.close();
    },
  };
}

function catcherMailer(config: Config, port: number): Mailer {
  return createSmtpMailer({
    host: '127.0.0.1',
    port,
    secure: false,
    user: null,
    password: null,
    from: senderAddress(config),
  });
}

/** For operator commands: the relay, or the catcher of a running `mona start`, or null. */
export function mailerForCommand(config: Config, dataDir: string): Mailer | null {
  if (config.mail.smtp) return createSmtpMailer({ ...config.mail.smtp, from: senderAddress(config) });
  const catcher = readRunFile<{ port: number }>(dataDir, 'smtp-catcher');
  return catcher ? catcherMailer(config, catcher.port) : null;
}
