import { createPublicKey, randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { lockUploadsInAirlock } from '../airlock/upload-repository.js';
import { readAuditHead } from '../audit/audit-repository.js';
import type { CheckpointFiles } from '../audit/checkpoint-keys.js';
import { onClient } from '../db/connect.js';
import { appliedMigrations } from '../db/migrate.js';
import { inSnapshot, withConnection } from '../db/owner-connection.js';
import { dumpTables } from '../db/table-dump.js';
import { VERSION } from '../runtime/version.js';
import {
  BACKUP_FORMAT,
  type BackupManifest,
  MANIFEST_FILE,
  sha256OfFile,
  VAULT_ARCHIVE,
} from './backup-manifest.js';
import { PartWriter, syncDirectory } from './backup-parts.js';
import { archiveVault } from './vault-archive.js';

export interface BackupSources {
  /** The tables' owner, who reads every table. */
  ownerUrl: string;
  vaultRoot: string;
  quarantineDir: string;
  checkpoints: CheckpointFiles;
  /**
   * The signing key is the data dir's own (no audit.checkpoints.keyFile): it lies beside the database anyway,
   * so it goes with it. A configured key never does.
   */
  signingKeyInDataDir: boolean;
  /** False: the operator copies the vault by a method of their own (a filesystem snapshot, rsync). */
  includeVault: boolean;
}

export interface BackupSummary {
  dir: string;
  manifest: BackupManifest;
  manifestSha256: string;
  bytes: number;
  /** Vault files that changed or went while they were read, as in any copy of a live file system. */
  changedWhileRead: number;
  /** Uploads in the airlock whose quarantined file was not there: damage the backup did not cause. */
  missingQuarantine: string[];
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/**
 * Writes a backup into the new folder `target`, in this order, so that what it holds fits together:
 *
 * 1. the audit checkpoints as they are now: each names an event already committed, so in the snapshot;
 * 2. in one snapshot of the database (REPEATABLE READ, as the owner): the uploads still in the airlock are
 *    locked, so the worker cannot move one on and remove its file, then every table is dumped and those
 *    uploads' quarantined files are copied;
 * 3. the vault's files, which may be newer than the snapshot: an upload delivered meanwhile is in its InBox
 *    and, being in the airlock in the snapshot, is delivered again after a restore under a free name;
 * 4. the manifest, last.
 *
 * All of it goes into a hidden sibling folder first, renamed to `target` only when complete: a backup that
 * stopped half-way has no manifest and never the name asked for.
 */
export async function makeBackup(
  sources: BackupSources,
  target: string,
  now = new Date(),
): Promise<BackupSummary> {
  const dir = resolve(target);
  if (
    await lstat(dir).then(
      () => true,
      () => false,
    )
  ) {
    throw new BackupError(`${dir} exists: a backup is written to a folder of its own, which it makes`);
  }
  const vaultThere = await stat(sources.vaultRoot).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (sources.includeVault && !vaultThere) {
    throw new BackupError(`the vault ${sources.vaultRoot} is not there`);
  }
  const temporary = join(dirname(dir), `.${randomBytes(6).toString('hex')}.partial-backup`);
  await mkdir(temporary, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(`cannot write a backup beside ${dir}: ${error.code ?? error.message}`);
  });
  try {
    const parts = new PartWriter(temporary);
    const audit = await copyAuditFiles(sources, parts);
    const snapshot = await takeSnapshot(sources, parts);
    const vault = sources.includeVault
      ? await archiveVault(sources.vaultRoot, parts.open(VAULT_ARCHIVE))
      : { changedWhileRead: 0 };
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      mona: VERSION,
      createdAt: now.toISOString(),
      database: { ...snapshot.dump, migrations: snapshot.migrations },
      audit: { ...audit, head: snapshot.head },
      quarantine: snapshot.quarantine,
      vault: { included: sources.includeVault },
      parts: parts.parts,
    };
    await writeDurably(join(temporary, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const folder of ['database', 'quarantine', 'audit']) {
      if (await isDirectory(join(temporary, folder))) await syncDirectory(join(temporary, folder));
    }
    await syncDirectory(temporary);
    await rename(temporary, dir);
    await syncDirectory(dirname(dir));
    return {
      dir,
      manifest,
      manifestSha256: await sha256OfFile(join(dir, MANIFEST_FILE)),
      bytes: manifest.parts.reduce((sum, part) => sum + part.bytes, 0),
      changedWhileRead: vault.changedWhileRead,
      missingQuarantine: snapshot.missingQuarantine,
    };
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

async function copyAuditFiles(
  sources: BackupSources,
  parts: PartWriter,
): Promise<Omit<BackupManifest['audit'], 'head'>> {
  const { file, keyFile, publicKeyFile } = sources.checkpoints;
  const lines = await readFile(file, 'utf8').catch(() => null);
  // Only whole lines: one being appended right now belongs to a later head.
  if (lines !== null)
    await parts.writeText('audit/checkpoints.jsonl', lines.slice(0, lines.lastIndexOf('\n') + 1));
  const signingKey = sources.signingKeyInDataDir && (await isFile(keyFile));
  if (signingKey) await parts.copyFile(keyFile, 'audit/checkpoint-key.pem');
  // Whoever verifies the restored log needs the public key; it can be had from either file.
  const publicPem = await readFile(publicKeyFile, 'utf8').then(
    (pem) => createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString(),
    () => null,
  );
  if (publicPem) await parts.writeText('audit/checkpoint-key.pem.pub', publicPem);
  return { checkpoints: lines !== null, signingKey, publicKey: publicPem !== null };
}

async function takeSnapshot(sources: BackupSources, parts: PartWriter) {
  return withConnection(sources.ownerUrl, (client) =>
    inSnapshot(
      client,
      async () => {
        const db = onClient(client);
        const inAirlock = await lockUploadsInAirlock(db);
        const dump = await dumpTables(client, (file) => parts.open(`database/${file}`));
        const migrations = await appliedMigrations(db);
        const head = await readAuditHead(db);
        const quarantine: string[] = [];
        const missingQuarantine: string[] = [];
        for (const id of inAirlock) {
          const file = join(sources.quarantineDir, id);
          if (await isFile(file)) {
            await parts.copyFile(file, `quarantine/${id}`);
            quarantine.push(id);
          } else {
            missingQuarantine.push(id);
          }
        }
        return { dump, migrations, head, quarantine, missingQuarantine };
      },
      async () => {
        await parts.discard('database');
        await parts.discard('quarantine');
      },
    ),
  );
}

async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function isFile(path: string): Promise<boolean> {
  return lstat(path).then(
    (found) => found.isFile(),
    () => false,
  );
}

async function isDirectory(path: string): Promise<boolean> {
  return lstat(path).then(
    (found) => found.isDirectory(),
    () => false,
  );
}
