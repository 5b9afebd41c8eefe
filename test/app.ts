import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { AirlockDeps } from '../src/airlock/airlock-deps.js';
import { loadConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import type { Db } from '../src/db/connect.js';
import type { RdpFiles } from '../src/desktop/desktop-deps.js';
import { buildApp } from '../src/http/app.js';
import { loggerOptions } from '../src/http/logging.js';
import type { BankIdBroker } from '../src/identity/bankid/bankid-broker.js';
import type { Mailer } from '../src/notify/mailer.js';
import type { CaughtMail } from '../src/notify/smtp-catcher.js';
import { testAirlock } from './airlock.js';
import { testCountryGate } from './geoip.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  /** Everything the server logged, as JSON lines. */
  logText(): string;
}

/** A web root holding a stand-in index.html, for tests of the app's fallback routing. */
export function fakeWebRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mona-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>mona test page</title>');
  return dir;
}

export interface TestAppOptions {
  env?: NodeJS.ProcessEnv;
  webRoot?: string | null;
  mailer?: Mailer | null;
  bankid?: BankIdBroker | null;
  airlock?: Omit<AirlockDeps, 'db' | 'now'>;
  caughtMail?: (() => CaughtMail[]) | null;
  rdp?: RdpFiles | null;
  now?: () => Date;
}

export async function buildTestApp(db: Db, options: TestAppOptions = {}): Promise<TestApp> {
  const env = options.env ?? {};
  const config = loadConfig({ env });
  let logged = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  const logger = pino(loggerOptions('debug'), sink);
  const airlock = options.airlock ?? testAirlock();
  const app = await buildApp({
    config,
    db,
    logger,
    webRoot: options.webRoot ?? null,
    version: 'test',
    gate: await testCountryGate({ allowPrivateNetworks: config.access.allowPrivateNetworks ?? true }),
    mailer: options.mailer ?? null,
    bankid: options.bankid ?? null,
    airlock,
    vault: airlock.vault,
    caughtMail: options.caughtMail ?? null,
    publicUrl: 'http://mona.test/',
    rdp: options.rdp ?? null,
    ...(options.now ? { now: options.now } : {}),
  });
  return { app, config, logText: () => logged };
}

/** Cookie and header for a state-changing request, fetched the way the web app does. */
export async function csrfCredentials(app: FastifyInstance): Promise<{ cookie: string; token: string }> {
  const response = await app.inject({ method: 'GET', url: '/api/csrf-token' });
  const cookie = response.cookies[0];
  if (!cookie) throw new Error('no CSRF cookie was set');
  return { cookie: `${cookie.name}=${cookie.value}`, token: response.json().token };
}
