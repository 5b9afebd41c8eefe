import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AirlockDeps } from '../airlock/airlock-deps.js';
import { sweepQuarantine } from '../airlock/quarantine-sweep.js';
import { uploadJobKinds } from '../airlock/upload-jobs.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import { type RunningWorker, startWorker } from '../jobs/worker.js';
import type { VaultSettings } from '../storage/provision.js';
import { vaultRoot } from '../storage/vault-paths.js';
import { every } from './services.js';

/**
 * The vault as configured. Quota images, unless configured, are used when running as root: also by
 * `mona start`, which unmounts them when it stops, so that a demo's data dir can then simply be deleted.
 */
export function vaultSettings(config: Config, dataDir: string): VaultSettings {
  return {
    root: vaultRoot(config, dataDir),
    homeQuotaBytes: config.vault.homeQuotaBytes,
    quotaImages: config.vault.quotaImages,
  };
}

/**
 * Where uploads wait for their checks: outside the vault, where no session host can see it, and shared by the
 * nodes that receive uploads and the workers that check them (airlock.quarantineDir).
 */
export function quarantineDir(config: Config, dataDir: string): string {
  return config.airlock.quarantineDir ?? join(dataDir, 'quarantine');
}

/** The airlock's places and settings. */
export function airlockDeps(config: Config, dataDir: string, db: Db, workQueued: () => void): AirlockDeps {
  return {
    db,
    settings: config.airlock,
    quarantineDir: quarantineDir(config, dataDir),
    vault: vaultSettings(config, dataDir),
    workQueued,
    now: () => new Date(),
  };
}

/**
 * A worker running the airlock's jobs (and, as they come, other modules'), which also clears the
 * quarantine of what crashes left there: at once, then every ten minutes.
 */
export function startJobWorker(deps: AirlockDeps, logger: Logger, lockSeconds: number): RunningWorker {
  const worker = startWorker({ db: deps.db, logger, lockSeconds, kinds: { ...uploadJobKinds(deps) } });
  const sweep = async () => {
    const removed = await sweepQuarantine(deps);
    if (removed.length > 0) logger.info({ removed }, 'cleared what crashes left in the quarantine');
  };
  const failed = (error: unknown) => logger.error({ err: error }, 'clearing the quarantine failed');
  sweep().catch(failed);
  const stopSweeping = every(600, sweep, failed);
  return {
    nudge: worker.nudge,
    stop: async () => {
      stopSweeping();
      await worker.stop();
    },
  };
}
