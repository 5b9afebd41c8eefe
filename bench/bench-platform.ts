import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import { loadConfig } from '../src/config/load.js';
import { connect, type Db } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../src/entry/terms-service.js';
import { findFreePort } from '../src/net/ports.js';
import { startServer } from '../src/runtime/server.js';
import { createGate } from '../src/runtime/services.js';
import { testAirlock } from '../test/airlock.js';

export interface BenchPlatform {
  db: Db;
  /** The embedded PostgreSQL's address, for a baseline that queries it directly. */
  databaseUrl: string;
  /** Where the server answers. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real server on an embedded PostgreSQL of its own, migrated and with the terms published. Every
 * request of a benchmark comes from 127.0.0.1: the per-address budget is lifted, which would otherwise
 * (rightly) stop it, and so are the free password tries, which logins in flight at once would use up.
 */
export async function startBenchPlatform(name: string): Promise<BenchPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), `mona-bench-${name}-`));
  chmodSync(dataDir, 0o711);
  const embedded = await startEmbedded(dataDir, () => {});
  const db = connect(embedded.url, 20);
  const stopDatabase = async () => {
    await db.destroy();
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrate(db);
    await publishTermsDirectory(db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
    const port = await findFreePort('127.0.0.1');
    const config = loadConfig({
      env: {
        MONA_HTTP__PORT: String(port),
        MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: '10000',
        MONA_IDENTITY__THROTTLE__PER_ADDRESS__FREE_GUESSES: '1000',
      },
    });
    const server = await startServer(config, db, pino({ level: 'silent' }), {
      gate: await createGate(config, 'start'),
      mail: { mailer: null, caughtMail: null },
      bankid: null,
      airlock: { ...testAirlock(), db, now: () => new Date() },
    });
    return {
      db,
      databaseUrl: embedded.url,
      url: server.url,
      stop: async () => {
        await server.app.close();
        await stopDatabase();
      },
    };
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}
