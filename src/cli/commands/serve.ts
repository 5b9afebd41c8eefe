import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../audit/audit-service.js';
import { migrate } from '../../db/migrate.js';
import { DEMO_ACCOUNTS } from '../../demo/demo-fixture.js';
import { isDemoSeeded, seedDemo } from '../../demo/seed-demo.js';
import { assertPortFree } from '../../net/ports.js';
import { prepareDataDir } from '../../runtime/data-dir.js';
import { openDatabase } from '../../runtime/database.js';
import { createLogger } from '../../runtime/logger.js';
import { readTls, startServer, stopOnSignals } from '../../runtime/server.js';
import { vaultRoot } from '../../storage/vault-paths.js';
import { CliError } from '../cli-error.js';
import { configFrom, parsePort, type StateOptions, withStateOptions } from '../context.js';

type Mode = 'start' | 'serve';

export function registerServeCommands(program: Command): void {
  for (const mode of ['start', 'serve'] as const) {
    withStateOptions(
      program
        .command(mode)
        .description(
          mode === 'start'
            ? 'run the whole platform on the embedded database, with demo data on first run'
            : 'run the HTTP server (login, portal, MONA web, API)',
        ),
    )
      .option('--port <n>', 'HTTP port (default: 8080)', parsePort)
      .option('--host <address>', 'address to listen on (default: 127.0.0.1)')
      .action((options: StateOptions) => run(mode, options));
  }
}

async function run(mode: Mode, options: StateOptions): Promise<void> {
  const config = configFrom(options);
  // Refuse a busy port or unreadable TLS files before anything is created or started.
  await assertPortFree(config.http.host, config.http.port).catch((error: Error) => {
    throw new CliError(error.message);
  });
  readTls(config);
  const dataDir = prepareDataDir(config.dataDir);
  const { logger, file: logFile } = await createLogger(
    config,
    dataDir,
    mode === 'start' ? 'data-dir' : 'stdout',
  );

  const database = await openDatabase(config, dataDir, {
    embedded: mode === 'start' ? 'own' : 'attach',
    mayInitialise: true,
    log: (line) => logger.debug({ postgres: line }),
  });
  try {
    const applied = await migrate(database.db);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    const demo =
      mode === 'start' && !(await isDemoSeeded(database.db))
        ? await seedDemo(database.db, {
            vaultRoot: vaultRoot(config, dataDir),
            persons: config.demo.persons,
            seed: config.demo.seed,
            actor: SYSTEM_ACTOR,
          })
        : null;
    const server = await startServer(config, database.db, logger);
    stopOnSignals(async () => {
      await server.app.close();
      await database.close();
    });
    if (mode === 'start') {
      process.stdout.write(banner(server.url, dataDir, database.description, logFile, demo !== null));
    } else {
      logger.info({ url: server.url, database: database.description }, 'mona is serving');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}

function banner(
  url: string,
  dataDir: string,
  database: string,
  logFile: string | null,
  seededNow: boolean,
): string {
  const accounts = DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(18)} ${a.description}\n`).join('');
  return [
    `mona is ready at ${url}\n`,
    `  data directory  ${dataDir}\n`,
    `  database        ${database}\n`,
    logFile ? `  log file        ${logFile}\n` : '',
    `  demo project    P0001 "Demo register study" (synthetic data${seededNow ? ', created now' : ''})\n`,
    '  demo accounts (no login method is linked to them yet):\n',
    accounts,
    'Press Ctrl+C to stop.\n',
  ].join('');
}
