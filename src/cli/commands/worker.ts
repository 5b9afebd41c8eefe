import type { Command } from 'commander';
import { loadAgentCa } from '../../desktop/desktop-deps.js';
import { desktopHousekeeping } from '../../desktop/desktop-housekeeping.js';
import { airlockDeps, startJobWorker } from '../../runtime/airlock.js';
import { startAuditCheckpoints } from '../../runtime/audit-checkpoints.js';
import { prepareDataDir } from '../../runtime/data-dir.js';
import { openDatabase } from '../../runtime/database.js';
import { createLogger } from '../../runtime/logger.js';
import { stopOnSignals } from '../../runtime/process-setup.js';
import { every } from '../../runtime/services.js';
import { configFrom, type StateOptions, withStateOptions } from '../state-options.js';

/** `mona worker`: background work (upload checks and deliveries) beside `mona serve`; as many as wanted. */
export function registerWorkerCommand(program: Command): void {
  withStateOptions(
    program
      .command('worker')
      .description(
        'run background work: checking and delivering uploads, desktop session timers, audit checkpoints',
      ),
  ).action(async (options: StateOptions) => {
    const config = configFrom(options);
    const dataDir = prepareDataDir(config.dataDir);
    const { logger } = await createLogger(config, dataDir, 'stdout');
    const database = await openDatabase(config, dataDir, {
      embedded: 'attach',
      mayInitialise: false,
      migrate: true,
      log: () => {},
    });
    const worker = startJobWorker(
      airlockDeps(config, dataDir, database.db, () => {}),
      logger,
      config.jobs.lockSeconds,
    );
    // The desktop session timers (R26) and hosts gone silent; several workers may run them side by side.
    const agentCa = loadAgentCa(config);
    const stopDesktopTimers = every(
      5,
      () =>
        desktopHousekeeping({
          db: database.db,
          agentCa,
          settings: config.desktop,
          now: () => new Date(),
        }),
      (error) => logger.error({ err: error }, 'desktop housekeeping failed'),
    );
    const stopCheckpoints = startAuditCheckpoints(config, dataDir, database.db, logger, 'worker');
    stopOnSignals(async () => {
      stopCheckpoints();
      stopDesktopTimers();
      await worker.stop();
      await database.close();
    });
    logger.info({ database: database.description }, 'mona worker is running');
  });
}
