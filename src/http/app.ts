import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import { instanceSecret } from '../db/instance-secrets.js';
import { siteRoutes } from '../site/site-routes.js';
import { installCsrfProtection } from './csrf.js';
import { installErrorHandling } from './error-handler.js';
import { healthRoutes } from './health.js';
import { newRequestId } from './request-id.js';
import { installSecurityHeaders } from './security-headers.js';
import { webAppRoutes } from './web-app.js';

export interface AppDependencies {
  config: Config;
  db: Db;
  logger: Logger;
  /** The built web app, or null to serve the API alone. */
  webRoot: string | null;
  version: string;
  tls?: { cert: Buffer; key: Buffer } | undefined;
}

/** Assembles the HTTP server: cross-cutting protections first, then one plugin per module. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: newRequestId,
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    bodyLimit: config.http.bodyLimitBytes,
    ...(deps.tls ? { https: deps.tls } : {}),
  }) as unknown as FastifyInstance;

  installErrorHandling(app);
  installSecurityHeaders(app, { tls: Boolean(deps.tls) });
  await app.register(fastifyCookie);
  installCsrfProtection(app, await instanceSecret(db, 'csrf'));

  await app.register(healthRoutes, { db });
  await app.register(siteRoutes, { config, version: deps.version });
  await app.register(webAppRoutes, { webRoot: deps.webRoot });
  return app;
}
