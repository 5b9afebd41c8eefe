import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { currentRole, ensureAppRole, grantAppPrivileges } from '../db/app-role.js';
import { connect, type Db, describeConnectionError, pingDatabase } from '../db/connect.js';
import {
  embeddedAppCredentials,
  findRunningEmbedded,
  makeEmbeddedAppCredentials,
  startEmbedded,
} from '../db/embedded-postgres.js';
import { migrate, withMigrationLock } from '../db/migrate.js';

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export interface OpenDatabase {
  /** As the platform's role: it reads and writes data but owns nothing, and only appends to the audit log. */
  db: Db;
  /** The tables' owner's URL: what migrates, and what backups are taken and restored as. */
  ownerUrl: string;
  /** How the database was reached, for the operator. */
  description: string;
  /** The migrations applied on the way. */
  applied: string[];
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
  /** Apply pending migrations, as the tables' owner, before the platform connects. */
  migrate: boolean;
  log: (line: string) => void;
}

/** DATABASE_URL (database.url) when set; otherwise the embedded server under the data directory. */
export async function openDatabase(
  config: Config,
  dataDir: string,
  options: OpenOptions,
): Promise<OpenDatabase> {
  return config.database.url
    ? openExternal(config, config.database.url, options)
    : openEmbedded(config, dataDir, options);
}

/** The platform connects with `url`; migrations run with `migrationUrl`, the owner's, when given. */
async function openExternal(config: Config, url: string, options: OpenOptions): Promise<OpenDatabase> {
  const db = await connectChecked(url, config.database.poolSize);
  try {
    const applied = options.migrate
      ? await asOwner(config.database.migrationUrl ?? url, async (owner) => {
          const done = await migrate(owner);
          const app = await currentRole(db);
          if (app !== (await currentRole(owner))) await grantWithLock(owner, app);
          return done;
        })
      : [];
    return {
      db,
      ownerUrl: config.database.migrationUrl ?? url,
      description: `PostgreSQL at ${new URL(url).host}`,
      applied,
      close: () => db.destroy(),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * The embedded server's superuser owns the tables and runs migrations; the platform connects as a role
 * of its own, made (and granted its rights) by the owner whenever this process starts the server, so a
 * data dir an older mona made gets it on its first start.
 */
async function openEmbedded(config: Config, dataDir: string, options: OpenOptions): Promise<OpenDatabase> {
  const running = options.embedded === 'attach' ? findRunningEmbedded(dataDir) : null;
  if (!running && !options.mayInitialise && !existsSync(join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new DatabaseUnavailableError(
      `data dir ${dataDir} has no database yet: run "mona start" or "mona migrate" first, or set DATABASE_URL`,
    );
  }
  const started = running ? null : await startEmbedded(dataDir, options.log);
  const ownerUrl = running?.url ?? (started?.url as string);
  try {
    const existing = embeddedAppCredentials(dataDir, ownerUrl);
    const { applied, appUrl } =
      running && existing && !options.migrate
        ? { applied: [], appUrl: existing.url }
        : await asOwner(ownerUrl, async (owner) => {
            const app = await withMigrationLock(owner, async (conn) => {
              const made = await makeEmbeddedAppCredentials(dataDir, ownerUrl);
              await ensureAppRole(conn, made.user, made.password);
              return made;
            });
            const done = options.migrate ? await migrate(owner) : [];
            await grantWithLock(owner, app.user);
            return { applied: done, appUrl: app.url };
          });
    const db = await connectChecked(appUrl, config.database.poolSize);
    const description = running
      ? `the embedded PostgreSQL of process ${running.pid}`
      : `embedded PostgreSQL in ${join(dataDir, 'postgres')} (port ${new URL(ownerUrl).port})`;
    return {
      db,
      ownerUrl,
      description,
      applied,
      close: async () => {
        await db.destroy();
        await started?.stop();
      },
    };
  } catch (error) {
    await started?.stop();
    throw error;
  }
}

async function asOwner<T>(url: string, action: (owner: Db) => Promise<T>): Promise<T> {
  const owner = await connectChecked(url, 1);
  try {
    return await action(owner);
  } finally {
    await owner.destroy();
  }
}

/** Two nodes granting at once would collide on the same catalogue rows. */
function grantWithLock(owner: Db, role: string): Promise<void> {
  return withMigrationLock(owner, (conn) => grantAppPrivileges(conn, role));
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
