import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AirlockDeps } from '../airlock/airlock-deps.js';
import { uploadRoutes } from '../airlock/upload-routes.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import { instanceSecret } from '../db/instance-secrets.js';
import { agentApiRoutes } from '../desktop/agent-api-routes.js';
import { type DesktopDeps, loadAgentCa } from '../desktop/desktop-deps.js';
import { desktopRoutes } from '../desktop/desktop-routes.js';
import { vncGateway } from '../desktop/vnc/vnc-gateway.js';
import type { CountryGate } from '../entry/approved-country.js';
import { refuseUnusableAddresses } from '../entry/client-address-http.js';
import { termsRoutes } from '../entry/terms-routes.js';
import { accountRoutes } from '../identity/account-routes.js';
import type { BankIdBroker } from '../identity/bankid/bankid-broker.js';
import { bankIdRoutes } from '../identity/bankid/bankid-routes.js';
import { enrolmentRoutes } from '../identity/enrolment-routes.js';
import type { IdentityDeps } from '../identity/identity-deps.js';
import { loginRoutes } from '../identity/login-routes.js';
import { installSessions } from '../identity/session-plugin.js';
import { sessionRoutes } from '../identity/session-routes.js';
import { sessionTimeoutsOf } from '../identity/session-service.js';
import { noticeRoutes } from '../notices/notice-routes.js';
import type { Mailer } from '../notify/mailer.js';
import type { CaughtMail } from '../notify/smtp-catcher.js';
import { rdpLogonRoute } from '../rd-gateway/rdp-logon-routes.js';
import { siteRoutes } from '../site/site-routes.js';
import { softwareRoutes } from '../software/software-routes.js';
import { supportRoutes } from '../support/support-routes.js';
import { installCsrfProtection } from './csrf.js';
import { installErrorHandling } from './error-handler.js';
import { healthRoutes } from './health.js';
import { RequestLogLines } from './logging.js';
import { newRequestId } from './request-id.js';
import { installSecurityHeaders } from './security-headers.js';
import { webAppRoutes } from './web-app.js';
import { serializerCompiler, validatorCompiler } from './zod-provider.js';

export interface AppDependencies {
  config: Config;
  db: Db;
  logger: Logger;
  /** The built web app, or null to serve the API alone. */
  webRoot: string | null;
  version: string;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  gate: CountryGate;
  mailer: Mailer | null;
  /** The BankID identity broker, or null where BankID is not offered. */
  bankid: BankIdBroker | null;
  /** Mail caught by the built-in SMTP catcher, when it runs. */
  caughtMail: (() => CaughtMail[]) | null;
  /** Where people reach mona, for links in mail. */
  publicUrl: string;
  /** The upload airlock's settings and places, without the database and clock it shares with the app. */
  airlock: Omit<AirlockDeps, 'db' | 'now'>;
  /** Where desktops' home folders are: the vault the session hosts share. */
  vault: DesktopDeps['vault'];
  /** RDP files, or null when they are off. */
  rdp?: DesktopDeps['rdp'];
  /** The clock; tests freeze it. */
  now?: () => Date;
}

/** Assembles the HTTP server: cross-cutting protections first, then one plugin per module. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: newRequestId,
    logController: new RequestLogLines(),
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    bodyLimit: config.http.bodyLimitBytes,
    ...(deps.tls ? { https: deps.tls } : {}),
  }) as unknown as FastifyInstance;

  // Every route's body, params, query and answers are zod contracts (zod-provider.ts).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installSecurityHeaders(app, { tls: Boolean(deps.tls) });
  const now = deps.now ?? (() => new Date());
  refuseUnusableAddresses(app, { db, now });
  await app.register(fastifyCookie);
  // The browser viewer's gateway: frames from the browser are input events and pastes under their cap, and
  // ws holds a whole frame before the gateway sees it.
  await app.register(fastifyWebsocket, {
    options: { maxPayload: config.desktop.pasteIn.maxBytes + 64 * 1024 },
  });
  installCsrfProtection(app, await instanceSecret(db, 'csrf'));

  const identity: IdentityDeps = {
    db,
    settings: config.identity,
    operator: config.operator,
    gate: deps.gate,
    mailer: deps.mailer,
    publicUrl: deps.publicUrl,
    bankid: deps.bankid,
    now,
  };
  installSessions(app, {
    db,
    gate: deps.gate,
    now,
    timeouts: sessionTimeoutsOf(config.identity),
  });

  await app.register(healthRoutes, { db });
  await app.register(siteRoutes, { config, version: deps.version, bankid: deps.bankid !== null });
  await app.register(loginRoutes, identity);
  await app.register(enrolmentRoutes, identity);
  await app.register(bankIdRoutes, identity);
  await app.register(sessionRoutes, identity);
  await app.register(termsRoutes, { db, now });
  await app.register(noticeRoutes, { db, now });
  await app.register(softwareRoutes, { db });
  await app.register(accountRoutes, identity);
  await app.register(uploadRoutes, { ...deps.airlock, db, now });
  const desktop: DesktopDeps = {
    db,
    settings: config.desktop,
    vault: deps.vault,
    portalTimeouts: sessionTimeoutsOf(config.identity),
    agentCa: loadAgentCa(config),
    rdp: deps.rdp ?? null,
    now,
  };
  await app.register(desktopRoutes, desktop);
  await app.register(vncGateway, desktop);
  await app.register(agentApiRoutes, desktop);
  await app.register(rdpLogonRoute, desktop);
  await app.register(supportRoutes, { caughtMail: deps.caughtMail, identity });
  await app.register(webAppRoutes, { webRoot: deps.webRoot });
  return app;
}
