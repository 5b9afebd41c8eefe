import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { checkpointAuditChain } from '../audit/audit-service.js';
import type { Checkpoint } from '../audit/checkpoint.js';
import { checkpointFiles, readSigningKey, writeCheckpointKey } from '../audit/checkpoint-keys.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import { every } from './services.js';

/**
 * Signs the audit log's head now and every `audit.checkpoints.intervalMinutes`, appending each new
 * checkpoint to the file and to the log. Without a configured key, `mona start` makes one in the data
 * dir (or uses the one it made before), and `mona worker` makes none and says so. Returns a stopper.
 */
export function startAuditCheckpoints(
  config: Config,
  dataDir: string,
  db: Db,
  logger: Logger,
  mode: 'start' | 'worker',
  now: () => Date = () => new Date(),
): () => void {
  const files = checkpointFiles(config, dataDir);
  if (config.audit.checkpoints.keyFile === null && !existsSync(files.keyFile)) {
    if (mode === 'worker') {
      logger.warn(
        'audit.checkpoints.keyFile is not set: the audit log is not anchored outside the database (see "The audit log" in docs/operations.md)',
      );
      return () => {};
    }
    writeCheckpointKey(files.keyFile);
    logger.info({ keyFile: files.keyFile }, 'made an audit checkpoint key in the data dir');
  }
  // A configured key that cannot be read stops start-up.
  const privateKey = readSigningKey(files.keyFile);
  let last: Checkpoint | null = null;
  const checkpoint = async () => {
    const made = await checkpointAuditChain(db, { privateKey, file: files.file, now: now(), after: last });
    if (made) {
      last = made;
      logger.info({ checkpoint: made, file: files.file }, 'audit checkpoint');
    }
  };
  const failed = (error: unknown) => logger.error({ err: error }, 'audit checkpoint failed');
  checkpoint().catch(failed);
  return every(config.audit.checkpoints.intervalMinutes * 60, checkpoint, failed);
}
