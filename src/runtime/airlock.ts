import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AirlockDeps } from '../airlock/airlock-deps.js';
import { uploadJobHandlers } from '../airlock/upload-jobs.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import { type RunningWorker, startWorker } from '../jobs/worker.js';
import { vaultRoot } from '../storage/vault-paths.js';

/** The airlock's places: the quarantine lies outside the vault, where no session host can see it. */
export function airlockDeps(config: Config, dataDir: string, db: Db, workQueued: () => void): AirlockDeps {
  return {
    db,
    settings: config.airlock,
    quarantineDir: join(dataDir, 'quarantine'),
    vault: {
      root: vaultRoot(config, dataDir),
      homeQuotaBytes: config.vault.homeQuotaBytes,
      quotaImages: config.vault.quotaImages,
    },
    workQueued,
    now: () => new Date(),
  };
}

/** A worker running the airlock's jobs (and, as they come, other modules'). */
export function startJobWorker(deps: AirlockDeps, logger: Logger): RunningWorker {
  return startWorker({ db: deps.db, logger, handlers: { ...uploadJobHandlers(deps) } });
}
