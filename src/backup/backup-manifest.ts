import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Migration } from '../db/migrate.js';

/**
 * What a backup holds, written last into it: a backup without its manifest is unfinished. Every other file is
 * a part, listed with its size and SHA-256, so that a restore refuses a backup that is incomplete or changed.
 */
export const BACKUP_FORMAT = 'mona-backup 1';
export const MANIFEST_FILE = 'manifest.json';

/** A part's path inside the backup: one or two plain names, never leading out of it. */
const PART_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)?[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

const partSchema = z.strictObject({
  path: z.string().regex(PART_PATH),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupPart = z.infer<typeof partSchema>;

const migrationSchema = z.strictObject({
  version: z.number().int().positive(),
  name: z.string(),
  checksum: z.string(),
});

export const manifestSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  mona: z.string(),
  createdAt: z.iso.datetime(),
  database: z.strictObject({
    /** The server the dump was taken from, for the operator: the dump loads into any version. */
    server: z.string(),
    /** The schema's level: the migrations applied when the snapshot was taken. */
    migrations: z.array(migrationSchema),
    tables: z.array(
      z.strictObject({
        name: z.string(),
        columns: z.array(z.string()),
        rows: z.number().int().nonnegative(),
        file: z.string().regex(PART_PATH),
      }),
    ),
    sequences: z.array(z.strictObject({ name: z.string(), lastValue: z.string().nullable() })),
  }),
  audit: z.strictObject({
    /** The newest event in the snapshot. */
    head: z.strictObject({ seq: z.number().int().positive(), hash: z.string() }).nullable(),
    /** The checkpoint file as it was just before the snapshot, so every checkpoint in it is covered. */
    checkpoints: z.boolean(),
    /** The data dir's own signing key (only that one is ever taken), and the public key to verify with. */
    signingKey: z.boolean(),
    publicKey: z.boolean(),
  }),
  /** Uploads still in the airlock, whose quarantined files the backup holds. */
  quarantine: z.array(z.uuid()),
  /** Whether the vault's files are in vault.tar, or copied by the operator's own method. */
  vault: z.strictObject({ included: z.boolean() }),
  parts: z.array(partSchema),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** Why a restore will not start; nothing has been changed when it is thrown. */
export type RefusalKind = 'target_not_empty' | 'backup_damaged' | 'backup_newer';

export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** The manifest of the backup in `dir`, once every part it lists is there with its size and hash. */
export async function readVerifiedManifest(dir: string): Promise<BackupManifest> {
  const manifest = await readManifest(dir);
  for (const part of manifest.parts) {
    const file = join(dir, part.path);
    const size = await stat(file).then(
      (found) => found.size,
      () => null,
    );
    if (size === null) throw damaged(`its part ${part.path} is missing`);
    if (size !== part.bytes) throw damaged(`its part ${part.path} has ${size} bytes, not ${part.bytes}`);
    if ((await sha256OfFile(file)) !== part.sha256) {
      throw damaged(`its part ${part.path} does not match its SHA-256 in the manifest`);
    }
  }
  const listed = new Set(manifest.parts.map((part) => part.path));
  const unlisted = manifest.database.tables.find((table) => !listed.has(`database/${table.file}`));
  if (unlisted) throw damaged(`its table ${unlisted.name} is not among its parts`);
  if (manifest.vault.included && !listed.has(VAULT_ARCHIVE)) throw damaged('its vault archive is not listed');
  return manifest;
}

export const VAULT_ARCHIVE = 'vault.tar';

async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw damaged(`${join(dir, MANIFEST_FILE)} is missing: an unfinished backup, or not a backup`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged('its manifest is not JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const format = (json as { format?: unknown } | null)?.format;
    if (typeof format === 'string' && format !== BACKUP_FORMAT) {
      throw new RestoreRefused(
        'backup_newer',
        `the backup's format is "${format}", which this mona does not read`,
      );
    }
    throw damaged(`its manifest is not valid: ${parsed.error.issues[0]?.path.join('.') || 'the whole'}`);
  }
  return parsed.data;
}

/**
 * A backup restores into this mona's schema only if its migrations are the first of ours, unchanged: the
 * restore migrates to that level, loads the data, then applies the rest.
 */
export function assertRestorableSchema(manifest: BackupManifest, known: readonly Migration[]): void {
  for (const [index, migration] of manifest.database.migrations.entries()) {
    const ours = known[index];
    if (!ours) {
      throw new RestoreRefused(
        'backup_newer',
        `the backup's schema is newer than this mona's (it has migration ${migration.name}, this mona stops at ${known.at(-1)?.name ?? 'none'}): restore it with mona ${manifest.mona} or later`,
      );
    }
    if (
      ours.version !== migration.version ||
      ours.name !== migration.name ||
      ours.checksum !== migration.checksum
    ) {
      throw new RestoreRefused(
        'backup_newer',
        `the backup's migration ${migration.name} is not this mona's ${ours.name}: restore it with mona ${manifest.mona}, which made it`,
      );
    }
  }
}

function damaged(why: string): RestoreRefused {
  return new RestoreRefused('backup_damaged', `the backup cannot be restored: ${why}`);
}
