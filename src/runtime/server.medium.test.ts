import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAirlock } from '../../test/airlock.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { testCountryGate } from '../../test/geoip.js';
import { loadConfig } from '../config/load.js';
import { findFreePort } from '../net/ports.js';
import { ServerStartError } from './process-setup.js';
import { readTls, startServer } from './server.js';

const dir = mkdtempSync(join(tmpdir(), 'mona-tls-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');
let testDb: TestDatabase;

beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ],
    { stdio: 'ignore' },
  );
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
  rmSync(dir, { recursive: true, force: true });
});

function httpsGet(url: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, { ca: readFileSync(certFile), servername: 'localhost' }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    }).on('error', reject);
  });
}

describe('TLS', () => {
  it('serves HTTPS with HSTS when a certificate and key are configured', async () => {
    const port = await findFreePort('127.0.0.1');
    const config = loadConfig({
      env: {
        MONA_HTTP__PORT: String(port),
        MONA_HTTP__TLS__CERT_FILE: certFile,
        MONA_HTTP__TLS__KEY_FILE: keyFile,
      },
    });
    const server = await startServer(config, testDb.db, pino({ level: 'silent' }), {
      gate: await testCountryGate(),
      mail: { mailer: null, caughtMail: null },
      bankid: null,
      airlock: { ...testAirlock(), db: testDb.db, now: () => new Date() },
    });
    try {
      expect(server.url).toBe(`https://127.0.0.1:${port}/`);
      const response = await httpsGet(`https://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      expect(response.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    } finally {
      await server.app.close();
    }
  });

  it('names the key whose file cannot be read', () => {
    const config = loadConfig({
      env: { MONA_HTTP__TLS__CERT_FILE: certFile, MONA_HTTP__TLS__KEY_FILE: join(dir, 'missing.pem') },
    });
    expect(() => readTls(config)).toThrow(ServerStartError);
    expect(() => readTls(config)).toThrow(
      `http.tls.keyFile: cannot read ${join(dir, 'missing.pem')}: ENOENT`,
    );
  });
});
