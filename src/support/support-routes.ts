import type { FastifyInstance } from 'fastify';
import { requireRole } from '../identity/session-plugin.js';
import type { CaughtMail } from '../notify/smtp-catcher.js';

/** Support staff's view of mail caught by `mona start`'s own SMTP catcher (no relay configured). */
export async function supportRoutes(
  app: FastifyInstance,
  { caughtMail }: { caughtMail: (() => CaughtMail[]) | null },
): Promise<void> {
  app.get('/api/support/mail', { config: { auth: 'required' } }, async (request) => {
    requireRole(request, ['support', 'operator']);
    return {
      catcherRunning: caughtMail !== null,
      messages: (caughtMail?.() ?? []).map((mail) => ({
        id: mail.id,
        receivedAt: mail.receivedAt.toISOString(),
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      })),
    };
  });
}
