import { resolve } from 'node:path';
import type { Command } from 'commander';
import { recordAudit } from '../../audit/audit-service.js';
import { checkpointFiles } from '../../audit/checkpoint-keys.js';
import {
  assertRestorableSchema,
  type RefusalKind,
  RestoreRefused,
  readVerifiedManifest,
} from '../../backup/backup-manifest.js';
import { makeBackup } from '../../backup/make-backup.js';
import {
  assertEmptyDatabase,
  assertEmptyTarget,
  type RestoreTarget,
  restoreBackup,
} from '../../backup/restore-backup.js';
import type { Config } from '../../config/schema.js';
import { readMigrations } from '../../db/migrate.js';
import { quarantineDir, vaultSettings } from '../../runtime/airlock.js';
import { prepareDataDir } from '../../runtime/data-dir.js';
import { openDatabase } from '../../runtime/database.js';
import { vaultRoot } from '../../storage/vault-paths.js';
import { CliError } from '../cli-error.js';
import { cliActor, withDatabase } from '../context.js';
import { configFrom, type StateOptions, withStateOptions } from '../state-options.js';

interface BackupOptions extends StateOptions {
  to: string;
  withoutVault?: boolean;
}

/** A restore's refusals, by cause, so that a script can tell them apart; nothing has changed at any of them. */
const REFUSAL_EXIT: Record<RefusalKind, number> = {
  target_not_empty: 3,
  backup_damaged: 4,
  backup_newer: 5,
};

export function registerBackupCommands(admin: Command): void {
  withStateOptions(
    admin
      .command('backup')
      .description(
        'write a consistent backup: the database, the quarantine, the vault and the audit checkpoints',
      )
      .requiredOption('--to <dir>', 'a new folder to write it to')
      .option(
        '--without-vault',
        "leave the vault's files out, for a vault copied by other means (docs/operations.md)",
      ),
  ).action((options: BackupOptions) =>
    withDatabase(options, async ({ config, dataDir, db, ownerUrl }) => {
      const started = Date.now();
      const files = checkpointFiles(config, dataDir);
      const backup = await makeBackup(
        {
          ownerUrl,
          vaultRoot: vaultRoot(config, dataDir),
          quarantineDir: quarantineDir(config, dataDir),
          checkpoints: files,
          signingKeyInDataDir: config.audit.checkpoints.keyFile === null,
          includeVault: !options.withoutVault,
        },
        options.to,
      ).catch((error: Error) => {
        throw new CliError(error.message);
      });
      const { manifest } = backup;
      const rows = manifest.database.tables.reduce((sum, table) => sum + table.rows, 0);
      await db.transaction().execute((trx) =>
        recordAudit(trx, {
          actor: cliActor(),
          action: 'admin.backup',
          details: {
            to: backup.dir,
            manifestSha256: backup.manifestSha256,
            createdAt: manifest.createdAt,
            head: manifest.audit.head,
            rows,
            bytes: backup.bytes,
            vault: manifest.vault.included,
            quarantine: manifest.quarantine.length,
            missingQuarantine: backup.missingQuarantine,
          },
        }),
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `backup written to ${backup.dir} in ${seconds} s: ${megabytes(backup.bytes)} MB, ${rows} rows in ${manifest.database.tables.length} tables, audit log to event ${manifest.audit.head?.seq ?? 0}, ${manifest.quarantine.length} uploads in the airlock, ${manifest.vault.included ? 'the vault' : 'without the vault'}\n`,
      );
      if (backup.changedWhileRead > 0) {
        process.stdout.write(`${backup.changedWhileRead} vault files changed while they were read\n`);
      }
      if (backup.missingQuarantine.length > 0) {
        process.stdout.write(
          `uploads in the airlock without their quarantined file (damage older than this backup): ${backup.missingQuarantine.join(', ')}\n`,
        );
      }
    }),
  );

  withStateOptions(
    admin
      .command('restore')
      .description(
        'restore a backup into an empty data dir and database, then migrate; refuses with exit 3 (target not empty), 4 (backup damaged) or 5 (backup newer than this mona)',
      )
      .requiredOption('--from <dir>', 'the backup folder'),
  ).action(async (options: StateOptions & { from: string }) => {
    const config = configFrom(options);
    const dataDir = resolve(config.dataDir);
    const target = restoreTarget(config, dataDir);
    const manifest = await refusalsAsExit(async () => {
      const checked = await readVerifiedManifest(options.from);
      assertRestorableSchema(checked, readMigrations());
      await assertEmptyTarget(target);
      if (config.database.url) await assertEmptyDatabase(config.database.migrationUrl ?? config.database.url);
      return checked;
    });
    prepareDataDir(dataDir);
    const database = await openDatabase(config, dataDir, {
      embedded: 'own',
      mayInitialise: true,
      migrate: false,
      log: () => {},
    });
    try {
      const summary = await restoreBackup(options.from, manifest, target, database, cliActor());
      process.stdout.write(
        `restored the backup of ${manifest.createdAt} (mona ${manifest.mona}) into ${dataDir}: ${summary.rows} rows, ${manifest.quarantine.length} uploads in the airlock, ${manifest.vault.included ? 'the vault' : 'no vault: put it back by your own method before starting'}; ${
          summary.applied.length > 0
            ? `migrated on with ${summary.applied.join(', ')}`
            : 'the schema is current'
        }\n`,
      );
    } finally {
      await database.close();
    }
  });
}

/**
 * Where a restore writes: this installation's data dir, vault, quarantine and checkpoint file. Quota images
 * as the installation uses them: the embedded database is `mona start`'s, which leaves them out.
 */
function restoreTarget(config: Config, dataDir: string): RestoreTarget {
  return {
    dataDir,
    vault: vaultSettings(config, dataDir),
    quarantineDir: quarantineDir(config, dataDir),
    checkpoints: checkpointFiles(config, dataDir),
    signingKeyInDataDir: config.audit.checkpoints.keyFile === null,
  };
}

async function refusalsAsExit<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof RestoreRefused) throw new CliError(error.message, REFUSAL_EXIT[error.kind]);
    throw error;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
