import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ICON, QR_SCRIPT, STYLESHEET } from './assets.js';
import type { BankIdOrder } from './bankid-qr.js';
import { handleInteraction, type Interactions, matchInteraction, send } from './interaction.js';
import { createProvider, type DevIdpClient, SESSION_COOKIE } from './provider.js';
import type { TestIdentity } from './test-identities.js';

export type { DevIdpClient } from './provider.js';
export { TEST_IDENTITIES, type TestIdentity } from './test-identities.js';

const ASSETS = new Map([
  ['/dev-idp/style.css', { type: 'text/css', body: STYLESHEET }],
  ['/dev-idp/qr.js', { type: 'text/javascript', body: QR_SCRIPT }],
  ['/dev-idp/icon.svg', { type: 'image/svg+xml', body: ICON }],
]);

export interface DevIdpOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0: any free port. */
  port: number;
  operatorName: string;
  clients: DevIdpClient[];
  environment: 'production' | 'staging' | 'development' | 'test';
}

export interface DevIdp {
  /** http://<host>:<port> */
  issuer: string;
  port: number;
  close(): Promise<void>;
}

export class DevIdpRefused extends Error {
  override name = 'DevIdpRefused';
  constructor() {
    super('the development BankID broker refuses to run when environment is production');
  }
}

/**
 * The development BankID broker: a real OpenID Connect provider whose login pages
 * imitate a BankID broker and let a tester pick who approves. Never in production.
 */
export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  if (options.environment === 'production') throw new DevIdpRefused();
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const accounts = new Map<string, TestIdentity>();
  const provider = await createProvider(issuer, options.clients, accounts);
  const interactions: Interactions = {
    provider,
    operatorName: options.operatorName,
    accounts,
    orders: new Map<string, BankIdOrder>(),
  };
  const headers = securityHeaders(options.clients);
  const providerCallback = provider.callback();

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const [pathname = '/'] = (request.url ?? '/').split('?');
    const interaction = matchInteraction(pathname);
    if (pathname.startsWith('/dev-idp/') || interaction) response.setHeaders(headers);
    const asset = ASSETS.get(pathname);
    if (asset) return send(response, 200, asset.type, asset.body);
    if (!interaction) {
      forgetSession(request);
      return providerCallback(request, response);
    }
    handleInteraction(interactions, request, response, interaction).catch((error: unknown) => {
      process.stderr.write(`dev-idp: ${(error as Error).stack ?? String(error)}\n`);
      if (!response.headersSent) send(response, 500, 'text/plain', 'internal error\n');
    });
  });

  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * A BankID identification is never remembered: the provider never sees its session cookie,
 * so each authorization asks who approves and never meets an earlier person's session.
 */
function forgetSession(request: IncomingMessage): void {
  const cookies = request.headers.cookie;
  if (!cookies) return;
  const own = new RegExp(`^\\s*${SESSION_COOKIE}(\\.legacy)?(\\.sig)?=`);
  request.headers.cookie = cookies
    .split(';')
    .filter((cookie) => !own.test(cookie))
    .join(';');
}

/** For the login pages; forms may end up at the clients, after the provider's redirect. */
function securityHeaders(clients: readonly DevIdpClient[]): Map<string, string> {
  const clientOrigins = new Set(
    clients.flatMap((client) => client.redirectUris.map((uri) => new URL(uri).origin)),
  );
  const csp = [
    "default-src 'self'",
    "img-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    `form-action 'self' ${[...clientOrigins].join(' ')}`.trim(),
    "object-src 'none'",
  ].join('; ');
  return new Map([
    ['content-security-policy', csp],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'no-referrer'],
    ['x-frame-options', 'DENY'],
  ]);
}
