import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AirlockDeps } from '../airlock/airlock-deps.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import type { RdpFiles } from '../desktop/desktop-deps.js';
import type { CountryGate } from '../entry/approved-country.js';
import { buildApp } from '../http/app.js';
import { findWebRoot } from '../http/web-app.js';
import type { BankIdBroker } from '../identity/bankid/bankid-broker.js';
import type { MailSetup } from './mail.js';
import { readTlsFiles, ServerStartError } from './process-setup.js';
import { readRunFile } from './run-files.js';
import { VERSION } from './version.js';

/** Reads the TLS files named in the configuration, failing with the key that is wrong. */
export function readTls(config: Config): { cert: Buffer; key: Buffer } | undefined {
  return config.http.tls ? readTlsFiles(config.http.tls, 'http.tls') : undefined;
}

export interface RunningServer {
  app: FastifyInstance;
  /** Where people reach it. */
  url: string;
}

export interface ServerServices {
  gate: CountryGate;
  airlock: AirlockDeps;
  bankid: BankIdBroker | null;
  mail: Pick<MailSetup, 'mailer' | 'caughtMail'>;
  rdp?: RdpFiles | null;
}

export async function startServer(
  config: Config,
  db: Db,
  logger: Logger,
  services: ServerServices,
): Promise<RunningServer> {
  const tls = readTls(config);
  const webRoot = findWebRoot();
  if (!webRoot) logger.warn('the web app is not built: serving the API only (run "npm run build")');
  const url = publicUrl(config, Boolean(tls));
  const app = await buildApp({
    config,
    db,
    logger,
    webRoot,
    version: VERSION,
    tls,
    gate: services.gate,
    mailer: services.mail.mailer,
    bankid: services.bankid,
    airlock: services.airlock,
    vault: services.airlock.vault,
    caughtMail: services.mail.caughtMail,
    rdp: services.rdp ?? null,
    publicUrl: url,
  });
  try {
    await app.listen({ host: config.http.host, port: config.http.port });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new ServerStartError(
      code === 'EADDRINUSE'
        ? `port ${config.http.port} on ${config.http.host} is already in use: choose another with --port`
        : `cannot listen on ${config.http.host}:${config.http.port}: ${code ?? (error as Error).message}`,
    );
  }
  return { app, url };
}

/**
 * The address in links that operator commands put in mail: the configured
 * public URL, else that of the server running on this data dir, else the
 * configured host and port.
 */
export function publicUrlForCommand(config: Config, dataDir: string): string {
  if (config.http.publicUrl) return config.http.publicUrl;
  return readRunFile<{ url: string }>(dataDir, 'server')?.url ?? publicUrl(config, Boolean(config.http.tls));
}

export function publicUrl(config: Config, tls: boolean): string {
  if (config.http.publicUrl) return config.http.publicUrl;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `${tls ? 'https' : 'http'}://${shownHost}:${config.http.port}/`;
}
