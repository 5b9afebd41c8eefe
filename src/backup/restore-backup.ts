import { createReadStream } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { CheckpointFiles } from '../audit/checkpoint-keys.js';
import { currentRole, grantAppPrivileges } from '../db/app-role.js';
import { connect, type Db } from '../db/connect.js';
import { migrate, readMigrations, withMigrationLock } from '../db/migrate.js';
import { countTables, inTransaction, withConnection } from '../db/owner-connection.js';
import { loadTables } from '../db/table-dump.js';
import { usersWithUnixUid } from '../identity/user-repository.js';
import { releaseJobLeases } from '../jobs/job-repository.js';
import { projectsWithUnixGid } from '../projects/project-repository.js';
import { provisionMember, provisionProject, type VaultSettings } from '../storage/provision.js';
import { runningAsRoot } from '../storage/unix-accounts.js';
import {
  type BackupManifest,
  MANIFEST_FILE,
  RestoreRefused,
  sha256OfFile,
  VAULT_ARCHIVE,
} from './backup-manifest.js';
import { extractVault } from './vault-archive.js';

export interface RestoreTarget {
  dataDir: string;
  vault: VaultSettings;
  quarantineDir: string;
  checkpoints: CheckpointFiles;
  /** No audit.checkpoints.keyFile: the data dir's own key, which a backup of such an installation holds. */
  signingKeyInDataDir: boolean;
}

export interface RestoreSummary {
  /** The migrations applied after the backup's data were loaded. */
  applied: string[];
  rows: number;
  releasedJobs: number;
}

/**
 * A restore goes only where nothing is: the data dir, and the vault and the checkpoint file where they are
 * configured outside it, must be empty or absent (a file system's own lost+found aside).
 */
export async function assertEmptyTarget(target: RestoreTarget): Promise<void> {
  for (const dir of [target.dataDir, target.vault.root]) {
    const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      if (error.code === 'ENOTDIR') return [dir];
      throw error;
    });
    const found = entries.filter((entry) => entry !== 'lost+found');
    if (found.length > 0) {
      throw new RestoreRefused(
        'target_not_empty',
        `${dir} is not empty (${found[0]}): a backup is restored only into an empty data dir`,
      );
    }
  }
  const checkpointFile = await lstat(target.checkpoints.file).then(
    () => true,
    () => false,
  );
  if (checkpointFile) {
    throw new RestoreRefused(
      'target_not_empty',
      `the checkpoint file ${target.checkpoints.file} exists: move it aside first, and keep it`,
    );
  }
}

/** An external database must hold no tables yet; the owner's URL reaches it. */
export async function assertEmptyDatabase(ownerUrl: string): Promise<void> {
  const tables = await withConnection(ownerUrl, countTables);
  if (tables > 0) {
    throw new RestoreRefused(
      'target_not_empty',
      `the database already has ${tables} tables: a backup is restored only into an empty database`,
    );
  }
}

/**
 * Restores a verified backup into an empty target whose database the caller has opened: the schema is
 * migrated to the backup's level as the owner, every table loaded in one transaction, the remaining
 * migrations applied and the platform's role granted its rights; then the quarantine, as root the Unix
 * accounts and groups (and quota images) of users and projects, the vault's files with their owners, modes
 * and ACLs, and the audit checkpoints. Leases of jobs claimed at backup time are released, and the restore
 * is audited in the restored log.
 */
export async function restoreBackup(
  from: string,
  manifest: BackupManifest,
  target: RestoreTarget,
  database: { ownerUrl: string; db: Db },
  actor: Actor,
): Promise<RestoreSummary> {
  const applied = await restoreDatabase(from, manifest, database);
  await restoreQuarantine(from, manifest, target.quarantineDir);
  if (runningAsRoot()) await provisionAccounts(database.db, target.vault);
  if (manifest.vault.included) {
    await mkdir(target.vault.root, { recursive: true, mode: 0o700 });
    await extractVault(join(from, VAULT_ARCHIVE), target.vault.root);
  }
  await restoreAuditFiles(from, manifest, target);
  const releasedJobs = await releaseJobLeases(database.db);
  const rows = manifest.database.tables.reduce((sum, table) => sum + table.rows, 0);
  await database.db.transaction().execute(async (trx) =>
    recordAudit(trx, {
      actor,
      action: 'admin.restore',
      details: {
        from: resolve(from),
        manifestSha256: await sha256OfFile(join(from, MANIFEST_FILE)),
        createdAt: manifest.createdAt,
        mona: manifest.mona,
        head: manifest.audit.head,
        rows,
        vault: manifest.vault.included,
        migrationsApplied: applied,
        releasedJobs,
      },
    }),
  );
  return { applied, rows, releasedJobs };
}

async function restoreDatabase(
  from: string,
  manifest: BackupManifest,
  database: { ownerUrl: string; db: Db },
): Promise<string[]> {
  const owner = connect(database.ownerUrl, 1);
  try {
    await migrate(owner, readMigrations().slice(0, manifest.database.migrations.length));
    await withConnection(database.ownerUrl, (client) =>
      inTransaction(client, () =>
        loadTables(client, manifest.database, (file) => createReadStream(join(from, 'database', file))),
      ),
    );
    const applied = await migrate(owner);
    const appRole = await currentRole(database.db);
    if (appRole !== (await currentRole(owner))) {
      await withMigrationLock(owner, (conn) => grantAppPrivileges(conn, appRole));
    }
    return applied;
  } finally {
    await owner.destroy();
  }
}

async function restoreQuarantine(
  from: string,
  manifest: BackupManifest,
  quarantineDir: string,
): Promise<void> {
  if (manifest.quarantine.length === 0) return;
  await mkdir(quarantineDir, { recursive: true, mode: 0o700 });
  for (const id of manifest.quarantine) {
    const file = join(quarantineDir, id);
    await copyFile(join(from, 'quarantine', id), file);
    await chmod(file, 0o600);
  }
}

/**
 * The accounts and groups the platform gave ids to, made on this host with those ids before the files
 * owned by them arrive; with quota images, each user's My Documents is mounted first, so their files land
 * inside their quota.
 */
async function provisionAccounts(db: Db, vault: VaultSettings): Promise<void> {
  for (const project of await projectsWithUnixGid(db)) await provisionProject(db, vault.root, project.id);
  for (const user of await usersWithUnixUid(db)) await provisionMember(db, vault, user.username);
}

async function restoreAuditFiles(
  from: string,
  manifest: BackupManifest,
  target: RestoreTarget,
): Promise<void> {
  const { file, keyFile } = target.checkpoints;
  if (manifest.audit.checkpoints) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await copyFile(join(from, 'audit', 'checkpoints.jsonl'), file);
    await chmod(file, 0o640);
  }
  // The data dir's key comes back only as the data dir's key: an installation with a key of its own keeps it.
  if (manifest.audit.signingKey && target.signingKeyInDataDir) {
    await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
    await copyFile(join(from, 'audit', 'checkpoint-key.pem'), keyFile);
    await chmod(keyFile, 0o600);
  }
}
