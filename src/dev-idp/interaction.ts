import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import QRCode from 'qrcode';
import { type BankIdOrder, qrContentAt, startOrder } from './bankid-qr.js';
import {
  choicePage,
  endedPage,
  type FormError,
  type FormState,
  languageFor,
  type Method,
  methodPage,
} from './pages.js';
import { INTERACTION_SECONDS } from './provider.js';
import { subjectFor, TEST_IDENTITIES, type TestIdentity, typedIdentity } from './test-identities.js';

export interface Interactions {
  provider: Provider;
  operatorName: string;
  /** Who has identified, by `sub`: what the provider's findAccount answers from. */
  accounts: Map<string, TestIdentity>;
  /** The Mobile BankID order of each interaction that shows a QR code. */
  orders: Map<string, BankIdOrder>;
}

const ROUTE = /^\/interaction\/([\w-]+)(?:\/(this-device|mobile|qr|approve|cancel))?$/;
const MAX_FORM_BYTES = 16 * 1024;

export function matchInteraction(pathname: string): { uid: string; action: string } | null {
  const match = ROUTE.exec(pathname);
  return match?.[1] ? { uid: match[1], action: match[2] ?? '' } : null;
}

/** The login pages of one interaction, which oidc-provider leaves to us. */
export async function handleInteraction(
  self: Interactions,
  request: IncomingMessage,
  response: ServerResponse,
  { uid, action }: { uid: string; action: string },
): Promise<void> {
  const details = await self.provider.interactionDetails(request, response).catch((error: unknown) => {
    if (error instanceof errors.SessionNotFound) return null;
    throw error;
  });
  const lang = languageFor(details?.params.ui_locales, request.headers['accept-language']);
  // The interaction cookie is scoped to this path and the uid is random: a page or form of
  // another interaction, or from another site, finds no interaction here.
  if (!details || details.uid !== uid) return send(response, 400, 'text/html', endedPage(lang, null));
  const page = { lang, operatorName: self.operatorName, uid };

  switch (`${request.method} ${action}`) {
    case 'GET ':
      return send(response, 200, 'text/html', choicePage(page));
    case 'GET this-device':
      return send(response, 200, 'text/html', methodPage({ ...page, method: 'this-device' }));
    case 'GET mobile':
      startOrderFor(self.orders, uid);
      return send(response, 200, 'text/html', methodPage({ ...page, method: 'mobile' }));
    case 'GET qr': {
      const order = self.orders.get(uid);
      if (!order) return send(response, 404, 'text/plain', 'no Mobile BankID order\n');
      const svg = await QRCode.toString(qrContentAt(order, Date.now()), { type: 'svg', margin: 2 });
      return send(response, 200, 'image/svg+xml', svg);
    }
    case 'POST approve': {
      const form = await readForm(request);
      if (!form) return send(response, 413, 'text/plain', 'form too large\n');
      const state: FormState = {
        person: form.get('person') ?? '',
        number: form.get('number') ?? '',
        name: form.get('name') ?? '',
        error: null,
      };
      const person = chosenPerson(state);
      if (typeof person === 'string') {
        // 200, as forms shown again usually are: browsers log any 4xx page as an error.
        const method: Method = form.get('method') === 'this-device' ? 'this-device' : 'mobile';
        return send(
          response,
          200,
          'text/html',
          methodPage({ ...page, method, form: { ...state, error: person } }),
        );
      }
      self.orders.delete(uid);
      return approve(self, request, response, person, details.params.client_id);
    }
    case 'POST cancel':
      self.orders.delete(uid);
      return self.provider.interactionFinished(
        request,
        response,
        { error: 'access_denied', error_description: 'the user cancelled the identification' },
        { mergeWithLastSubmission: false },
      );
    default:
      return send(response, 405, 'text/plain', 'method not allowed\n');
  }
}

/** A new order each time the page opens, as a real broker starts one; abandoned ones are dropped. */
function startOrderFor(orders: Map<string, BankIdOrder>, uid: string): void {
  const now = Date.now();
  for (const [other, order] of orders)
    if (now - order.startedAt > INTERACTION_SECONDS * 1000) orders.delete(other);
  orders.set(uid, startOrder(now));
}

function chosenPerson(state: FormState): TestIdentity | FormError {
  if (state.person === 'other') return typedIdentity(state.number, state.name);
  return TEST_IDENTITIES.find((p) => p.personalIdentityNumber === state.person) ?? 'no-choice';
}

/** Logs the person in and grants what a BankID broker always releases, so no consent page follows. */
async function approve(
  self: Interactions,
  request: IncomingMessage,
  response: ServerResponse,
  person: TestIdentity,
  clientId: unknown,
): Promise<void> {
  if (typeof clientId !== 'string') throw new Error('the interaction has no client_id');
  const accountId = subjectFor(person.personalIdentityNumber);
  self.accounts.set(accountId, person);
  const grant = new self.provider.Grant({ accountId, clientId });
  grant.addOIDCScope('openid profile');
  const grantId = await grant.save();
  await self.provider.interactionFinished(
    request,
    response,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams | null> {
  request.setEncoding('utf8');
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) return null;
  }
  return new URLSearchParams(body);
}

export function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  response.end(body);
}
