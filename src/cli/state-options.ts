import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { armCrashPoint } from '../runtime/crash-points.js';

// Nothing here opens the database (context.ts does): mona host-agent runs on session hosts, which have none.

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
  const config = loadConfig({
    file: options.config ?? process.env.MONA_CONFIG,
    env: process.env,
    flags: { dataDir: options.dataDir, 'http.port': options.port, 'http.host': options.host },
  });
  armCrashPoint(config.crashAt);
  return config;
}
