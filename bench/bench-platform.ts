import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import { loadConfig } from '../src/config/load.js';
import { connect, type Db } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../src/entry/terms-service.js';
import { findFreePort } from '../src/net/ports.js';
import { type RunningServer, startServer } from '../src/runtime/server.js';
import { createGate } from '../src/runtime/services.js';
import { testAirlock } from '../test/airlock.js';

export interface BenchDatabase {
  db: Db;
  /** The embedded PostgreSQL's address, for a server in another process or a baseline that queries it directly. */
  databaseUrl: string;
  /** A scratch folder of this run, removed by `stop`. */
  dataDir: string;
  /** The PostgreSQL server's process, whose children are the backends. */
  postmasterPid: number;
  stop(): Promise<void>;
}

export interface BenchPlatform extends Omit<BenchDatabase, 'dataDir' | 'postmasterPid'> {
  /** Where the server answers. */
  url: string;
}

/** An embedded PostgreSQL of the benchmark's own, migrated and with the terms published. */
export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `mona-bench-${name}-`));
  chmodSync(dataDir, 0o711);
  const embedded = await startEmbedded(dataDir, () => {});
  const db = connect(embedded.url, 20);
  const stop = async () => {
    await db.destroy();
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrate(db);
    await publishTermsDirectory(db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
    return { db, databaseUrl: embedded.url, dataDir, postmasterPid: embedded.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A real server on `db`, configured as `mona serve` is by default, or by the `MONA_…` settings in `env`,
 * but for two limits: every request of a benchmark comes from 127.0.0.1, so the per-address budget is
 * lifted, which would otherwise (rightly) stop it, and so are the free password tries, which logins in
 * flight at once would use up.
 */
export async function startBenchServer(
  db: Db,
  logger: Logger = pino({ level: 'silent' }),
  env: NodeJS.ProcessEnv = {},
): Promise<RunningServer> {
  const port = await findFreePort('127.0.0.1');
  const config = loadConfig({
    env: {
      ...env,
      MONA_HTTP__PORT: String(port),
      MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: '10000',
      MONA_IDENTITY__THROTTLE__PER_ADDRESS__FREE_GUESSES: '1000',
    },
  });
  return startServer(config, db, logger, {
    gate: await createGate(config, 'start'),
    mail: { mailer: null, caughtMail: null },
    bankid: null,
    airlock: { ...testAirlock(), db, now: () => new Date() },
  });
}

/** The database and a server on it, in this process. */
export async function startBenchPlatform(name: string): Promise<BenchPlatform> {
  const { dataDir: _, postmasterPid: __, ...database } = await startBenchDatabase(name);
  try {
    const server = await startBenchServer(database.db);
    return {
      ...database,
      url: server.url,
      stop: async () => {
        await server.app.close();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
