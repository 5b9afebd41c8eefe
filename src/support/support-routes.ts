import type { FastifyInstance } from 'fastify';
import { uuidIdParams } from '../http/schemas.js';
import { approveLinkRequest, listLinkRequests, rejectLinkRequest } from '../identity/bankid/link-requests.js';
import type { IdentityDeps } from '../identity/identity-deps.js';
import { sendAccountLinkedMail } from '../identity/linked-mail.js';
import { sessionOf } from '../identity/session-plugin.js';
import { authorizeStaff } from '../identity/staff-policy.js';
import type { CaughtMail } from '../notify/smtp-catcher.js';

/** Support staff's routes: mail caught by `mona start`, and BankID link requests (R9). */
export async function supportRoutes(
  app: FastifyInstance,
  { caughtMail, identity }: { caughtMail: (() => CaughtMail[]) | null; identity: IdentityDeps },
): Promise<void> {
  app.get('/api/support/mail', { config: { auth: 'required' } }, async (request) => {
    authorizeStaff(sessionOf(request), 'support');
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

  app.get<{ Querystring: { state?: 'pending' | 'all' } }>(
    '/api/support/bankid-requests',
    {
      config: { auth: 'required' },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { state: { enum: ['pending', 'all'] } },
        },
      },
    },
    async (request) => {
      authorizeStaff(sessionOf(request), 'support');
      return { requests: await listLinkRequests(identity.db, request.query.state ?? 'pending') };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/support/bankid-requests/:id/approve',
    { config: { auth: 'required' }, schema: { params: uuidIdParams } },
    async (request) => {
      const staff = authorizeStaff(sessionOf(request), 'support');
      const account = await approveLinkRequest(
        identity.db,
        request.params.id,
        { id: staff.userId, label: staff.username },
        identity.now(),
      );
      const mailed = await sendAccountLinkedMail(identity, account, 'bankid', request.log);
      return { approved: true, username: account.username, mailed };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/support/bankid-requests/:id/reject',
    { config: { auth: 'required' }, schema: { params: uuidIdParams } },
    async (request) => {
      const staff = authorizeStaff(sessionOf(request), 'support');
      await rejectLinkRequest(
        identity.db,
        request.params.id,
        { id: staff.userId, label: staff.username },
        identity.now(),
      );
      return { rejected: true };
    },
  );
}
