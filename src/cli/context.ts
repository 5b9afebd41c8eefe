import { userInfo } from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import type { Actor } from '../audit/audit-service.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';

export interface StateOptions {
  config?: string;
  dataDir?: string;
  port?: number;
  host?: string;
}

/** The options every command that touches state shares. */
export function withStateOptions(command: Command): Command {
  return command
    .option('--config <file>', 'YAML configuration file (default: $MONA_CONFIG)')
    .option('--data-dir <dir>', 'data directory: embedded database, vault, logs (default: ./var)');
}

/** Configuration from file, environment and flags, validated once. */
export function configFrom(options: StateOptions): Config {
  return loadConfig({
    file: options.config ?? process.env.MONA_CONFIG,
    env: process.env,
    flags: { dataDir: options.dataDir, 'http.port': options.port, 'http.host': options.host },
  });
}

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
