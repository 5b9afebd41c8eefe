import type { FastifyInstance } from 'fastify';
import { idParams } from '../http/common-contract.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import {
  linkApproved,
  linkRejected,
  linkRequestFilter,
  linkRequests,
} from '../identity/bankid/link-request-contract.js';
import { approveLinkRequest, listLinkRequests, rejectLinkRequest } from '../identity/bankid/link-requests.js';
import type { IdentityDeps } from '../identity/identity-deps.js';
import { sendAccountLinkedMail } from '../identity/linked-mail.js';
import { sessionOf } from '../identity/session-plugin.js';
import { authorizeStaff } from '../identity/staff-policy.js';
import type { CaughtMail } from '../notify/smtp-catcher.js';
import { caughtMail as caughtMailAnswer } from './support-contract.js';

/** Support staff's routes: mail caught by `mona start`, and BankID link requests (R9). */
export async function supportRoutes(
  fastify: FastifyInstance,
  { caughtMail, identity }: { caughtMail: (() => CaughtMail[]) | null; identity: IdentityDeps },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/support/mail',
    { config: { auth: 'required' }, schema: { response: { 200: caughtMailAnswer } } },
    async (request) => {
      authorizeStaff(sessionOf(request), 'support');
      return {
        catcherRunning: caughtMail !== null,
        messages: (caughtMail?.() ?? []).map((mail) => ({
          id: mail.id,
          receivedAt: mail.receivedAt,
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        })),
      };
    },
  );

  app.get(
    '/api/support/bankid-requests',
    {
      config: { auth: 'required' },
      schema: { querystring: linkRequestFilter, response: { 200: linkRequests } },
    },
    async (request) => {
      authorizeStaff(sessionOf(request), 'support');
      return { requests: await listLinkRequests(identity.db, request.query.state) };
    },
  );

  app.post(
    '/api/support/bankid-requests/:id/approve',
    { config: { auth: 'required' }, schema: { params: idParams, response: { 200: linkApproved } } },
    async (request) => {
      const staff = authorizeStaff(sessionOf(request), 'support');
      const account = await approveLinkRequest(
        identity.db,
        request.params.id,
        { id: staff.userId, label: staff.username },
        identity.now(),
      );
      const mailed = await sendAccountLinkedMail(identity, account, 'bankid', request.log);
      return { approved: true, username: account.username, mailed } as const;
    },
  );

  app.post(
    '/api/support/bankid-requests/:id/reject',
    { config: { auth: 'required' }, schema: { params: idParams, response: { 200: linkRejected } } },
    async (request) => {
      const staff = authorizeStaff(sessionOf(request), 'support');
      await rejectLinkRequest(
        identity.db,
        request.params.id,
        { id: staff.userId, label: staff.username },
        identity.now(),
      );
      return { rejected: true } as const;
    },
  );
}
