import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import type { Db } from '../src/db/connect.js';
import { buildApp } from '../src/http/app.js';
import { loggerOptions } from '../src/http/logging.js';

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

export async function buildTestApp(
  db: Db,
  env: NodeJS.ProcessEnv = {},
  webRoot: string | null = null,
): Promise<TestApp> {
  const config = loadConfig({ env });
  let logged = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  const logger = pino(loggerOptions('debug'), sink);
  const app = await buildApp({ config, db, logger, webRoot, version: 'test' });
  return { app, config, logText: () => logged };
}

/** Cookie and header for a state-changing request, fetched the way the web app does. */
export async function csrfCredentials(app: FastifyInstance): Promise<{ cookie: string; token: string }> {
  const response = await app.inject({ method: 'GET', url: '/api/csrf-token' });
  const cookie = response.cookies[0];
  if (!cookie) throw new Error('no CSRF cookie was set');
  return { cookie: `${cookie.name}=${cookie.value}`, token: response.json().token };
}
