import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export interface SmtpMailerOptions {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  /** Such as `Demo Statistics Office <support@mona.example>`. */
  from: string;
  tls?: { rejectUnauthorized: boolean };
}

/** One line naming the server and what failed; never carries the password. */
export class MailError extends Error {
  override name = 'MailError';
}

const STEP_TIMEOUT_MS = 10_000;
// The step timeouts reset on every byte; this bounds a server that trickles.
const SEND_DEADLINE_MS = 30_000;

/** Sends each mail over a fresh SMTP connection: mail is rare, a pool is not worth its state. */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const { host, port, secure, user, password, from, tls } = options;
  const transport = createTransport({
    host,
    port,
    secure,
    auth: user === null ? undefined : { user, pass: password ?? '' },
    // Credentials never cross the network in clear: without implicit TLS, demand STARTTLS.
    requireTLS: !secure && user !== null,
    tls,
    connectionTimeout: STEP_TIMEOUT_MS,
    greetingTimeout: STEP_TIMEOUT_MS,
    socketTimeout: STEP_TIMEOUT_MS,
    dnsTimeout: STEP_TIMEOUT_MS,
  });

  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          ...mail,
          from,
          signal: AbortSignal.timeout(SEND_DEADLINE_MS),
        });
        return { messageId: info.messageId };
      } catch (error) {
        throw new MailError(`sending mail via SMTP ${host}:${port} failed: ${reasonOf(error, password)}`);
      }
    },
    close() {
      transport.close();
    },
  };
}

function reasonOf(error: unknown, password: string | null): string {
  const code = typeof error === 'object' && error && 'code' in error ? `${String(error.code)}: ` : '';
  const message = error instanceof Error ? error.message : String(error);
  // The server's reply is part of the message; a misbehaving one could echo what it was sent.
  const safe = password ? message.replaceAll(password, '***') : message;
  return `${code}${safe}`.replace(/\s+/g, ' ').trim();
}
