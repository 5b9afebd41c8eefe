import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { connect, type Db, describeConnectionError, pingDatabase } from '../db/connect.js';
import { findRunningEmbedded, startEmbedded } from '../db/embedded-postgres.js';

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export interface OpenDatabase {
  db: Db;
  /** How the database was reached, for the operator. */
  description: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * "own": start the embedded server and refuse if it already runs (mona start);
   * "attach": use the running one, or start it for the duration of the command.
   */
  embedded: 'own' | 'attach';
  /** Whether an embedded cluster may be created when the data dir has none. */
  mayInitialise: boolean;
  log: (line: string) => void;
}

/** DATABASE_URL (database.url) when set; otherwise the embedded server under the data directory. */
export async function openDatabase(
  config: Config,
  dataDir: string,
  options: OpenOptions,
): Promise<OpenDatabase> {
  if (config.database.url) {
    const db = await connectChecked(config.database.url, config.database.poolSize);
    return {
      db,
      description: `PostgreSQL at ${new URL(config.database.url).host}`,
      close: () => db.destroy(),
    };
  }
  const running = options.embedded === 'attach' ? findRunningEmbedded(dataDir) : null;
  if (running) {
    const db = await connectChecked(running.url, config.database.poolSize);
    return {
      db,
      description: `the embedded PostgreSQL of process ${running.pid}`,
      close: () => db.destroy(),
    };
  }
  if (!options.mayInitialise && !existsSync(join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new DatabaseUnavailableError(
      `data dir ${dataDir} has no database yet: run "mona start" or "mona migrate" first, or set DATABASE_URL`,
    );
  }
  const server = await startEmbedded(dataDir, options.log);
  const db = await connectChecked(server.url, config.database.poolSize);
  return {
    db,
    description: `embedded PostgreSQL in ${join(dataDir, 'postgres')} (port ${new URL(server.url).port})`,
    close: async () => {
      await db.destroy();
      await server.stop();
    },
  };
}

async function connectChecked(url: string, poolSize: number): Promise<Db> {
  const db = connect(url, poolSize);
  try {
    await pingDatabase(db);
    return db;
  } catch (error) {
    await db.destroy();
    throw new DatabaseUnavailableError(`cannot use the database: ${describeConnectionError(error)}`);
  }
}
