import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface CaughtMail {
  id: string;
  receivedAt: Date;
  /** The From header, as a person reads it. */
  from: string;
  /** The envelope recipients: who really got it, Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

export interface SmtpCatcher {
  port: number;
  host: string;
  /** Newest first. */
  messages(): CaughtMail[];
  /** The newest caught mail that matches, or the next one to arrive. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (mail: CaughtMail) => boolean;
  resolve: (mail: CaughtMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const HOST = '127.0.0.1';
const MAX_SIZE_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP server that keeps what it receives in memory: `mona start` uses it
 * when no relay is configured, so support staff can read the mail in the web app,
 * and tests send real SMTP to it. Loopback only, no TLS, no login.
 */
export async function startSmtpCatcher(
  options: { port?: number; maxMessages?: number } = {},
): Promise<SmtpCatcher> {
  const maxMessages = options.maxMessages ?? 500;
  if (!Number.isInteger(maxMessages) || maxMessages < 1)
    throw new Error('maxMessages must be a whole number ≥ 1');
  const caught: CaughtMail[] = [];
  const waiters = new Set<Waiter>();

  const keep = (mail: CaughtMail) => {
    caught.unshift(mail);
    caught.length = Math.min(caught.length, maxMessages);
    for (const waiter of waiters) {
      if (!waiter.predicate(mail)) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(mail);
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_SIZE_BYTES,
    logger: false,
    // Without it, close() would wait up to 30 s for an idle client to hang up.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      parse(stream, session).then(
        (mail) => {
          if (stream.sizeExceeded) return callback(rejection('message too large', 552));
          keep(mail);
          callback();
        },
        (error: unknown) => callback(rejection(`cannot parse message: ${String(error)}`, 554)),
      );
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    const listener = server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      const address = listener.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('the SMTP catcher has no port'));
    });
  });

  return {
    port,
    host: HOST,
    messages: () => [...caught],
    waitFor(predicate, timeoutMs = 5000) {
      const found = caught.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail arrived within ${timeoutMs} ms (${caught.length} caught)`));
        }, timeoutMs);
        const waiter: Waiter = { predicate, resolve, reject, timer };
        waiters.add(waiter);
      });
    },
    close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('the SMTP catcher was closed'));
      }
      waiters.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function parse(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<CaughtMail> {
  const parsed = await simpleParser(stream);
  return {
    id: randomUUID(),
    receivedAt: new Date(),
    from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html || null,
  };
}

function rejection(message: string, responseCode: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}
