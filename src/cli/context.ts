import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Actor } from '../audit/audit-service.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import { prepareDataDir } from '../runtime/data-dir.js';
import { openDatabase } from '../runtime/database.js';
import { configFrom, type StateOptions } from './state-options.js';

/** Who acts when an operator runs a command: the operating-system account, as the audit log's actor. */
export function cliActor(): Actor {
  return { id: null, label: `cli:${userInfo().username}` };
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new InvalidArgumentError('must be a whole number from 1 to 65535');
  }
  return port;
}

export interface CommandState {
  config: Config;
  dataDir: string;
  db: Db;
  /** The tables' owner's URL, for what the platform's role may not do (backups). */
  ownerUrl: string;
  /** The migrations applied before the command, when it asked for them. */
  applied: string[];
}

/**
 * Runs an operator command against the installation's database: the running
 * embedded server, or one started for the command's duration, or DATABASE_URL;
 * as the platform's role, after migrating as the owner when `migrate` is asked.
 * Only `mona migrate` may create an embedded database where there is none.
 */
export async function withDatabase<T>(
  options: StateOptions,
  action: (state: CommandState) => Promise<T>,
  { mayInitialise = false, migrate = false } = {},
): Promise<T> {
  const config = configFrom(options);
  const dataDir = mayInitialise ? prepareDataDir(config.dataDir) : resolve(config.dataDir);
  const database = await openDatabase(config, dataDir, {
    embedded: 'attach',
    mayInitialise,
    migrate,
    log: () => {},
  });
  try {
    return await action({
      config,
      dataDir,
      db: database.db,
      ownerUrl: database.ownerUrl,
      applied: database.applied,
    });
  } finally {
    await database.close();
  }
}
