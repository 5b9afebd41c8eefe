import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Migration } from '../db/migrate.js';
import {
  assertRestorableSchema,
  BACKUP_FORMAT,
  type BackupManifest,
  RestoreRefused,
  readVerifiedManifest,
} from './backup-manifest.js';

const scratch = mkdtempSync(join(tmpdir(), 'mona-manifest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ours: Migration[] = [1, 2, 3].map((version) => ({
  version,
  name: `000${version}_step.sql`,
  sql: '',
  checksum: `sum-${version}`,
}));

function manifest(overrides: Partial<BackupManifest> = {}): BackupManifest {
  return {
    format: BACKUP_FORMAT,
    mona: '0.1.0',
    createdAt: '2027-03-10T14:20:00.000Z',
    database: {
      server: 'PostgreSQL 18.1',
      migrations: ours.slice(0, 2).map(({ version, name, checksum }) => ({ version, name, checksum })),
      tables: [],
      sequences: [],
    },
    audit: { head: null, checkpoints: false, signingKey: false, publicKey: false },
    quarantine: [],
    vault: { included: false },
    parts: [],
    ...overrides,
  };
}

/** A backup folder holding `files`, with a manifest listing them as `listed` says (default: truly). */
function backupWith(files: Record<string, string>, listed?: BackupManifest['parts']): string {
  const dir = mkdtempSync(join(scratch, 'backup-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const parts =
    listed ??
    Object.entries(files).map(([path, text]) => ({
      path,
      bytes: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex'),
    }));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest({ parts })));
  return dir;
}

async function refusal(dir: string): Promise<RestoreRefused> {
  const error = await readVerifiedManifest(dir).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RestoreRefused);
  return error as RestoreRefused;
}

describe('a backup is read only when whole', () => {
  it('reads one whose parts are there with their sizes and hashes', async () => {
    const dir = backupWith({ 'audit/checkpoints.jsonl': '{"seq":1}\n' });
    expect((await readVerifiedManifest(dir)).parts).toHaveLength(1);
  });

  it('refuses one without a manifest: unfinished', async () => {
    const dir = mkdtempSync(join(scratch, 'unfinished-'));
    expect((await refusal(dir)).message).toMatch(/manifest\.json is missing: an unfinished backup/);
  });

  it('refuses a part that is missing, of another size, or of other bytes', async () => {
    const sha = createHash('sha256').update('abc').digest('hex');
    const missing = backupWith({}, [{ path: 'vault.tar', bytes: 3, sha256: sha }]);
    expect((await refusal(missing)).message).toMatch(/its part vault\.tar is missing$/);
    const shorter = backupWith({ 'vault.tar': 'ab' }, [{ path: 'vault.tar', bytes: 3, sha256: sha }]);
    expect((await refusal(shorter)).message).toMatch(/its part vault\.tar has 2 bytes, not 3$/);
    const changed = backupWith({ 'vault.tar': 'abd' }, [{ path: 'vault.tar', bytes: 3, sha256: sha }]);
    const refused = await refusal(changed);
    expect(refused.kind).toBe('backup_damaged');
    expect(refused.message).toMatch(/its part vault\.tar does not match its SHA-256/);
  });

  it('refuses a part whose path would lead out of the backup', async () => {
    const sha = createHash('sha256').update('x').digest('hex');
    const dir = backupWith({}, [{ path: '../outside', bytes: 1, sha256: sha }]);
    expect((await refusal(dir)).message).toMatch(/its manifest is not valid: parts\.0\.path/);
  });

  it('tells a format it does not know from a damaged manifest', async () => {
    const dir = mkdtempSync(join(scratch, 'later-'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'mona-backup 2' }));
    expect(await refusal(dir)).toMatchObject({ kind: 'backup_newer' });
  });
});

describe('a backup restores into this schema only from its own past', () => {
  it('takes a backup at this level or an earlier one', () => {
    expect(() => assertRestorableSchema(manifest(), ours)).not.toThrow();
  });

  it('refuses a backup with a migration this mona does not have', () => {
    const newer = manifest();
    newer.database.migrations.push(
      { version: 3, name: '0003_step.sql', checksum: 'sum-3' },
      { version: 4, name: '0004_later.sql', checksum: 'sum-4' },
    );
    expect(() => assertRestorableSchema(newer, ours)).toThrow(
      /^the backup's schema is newer than this mona's \(it has migration 0004_later\.sql, this mona stops at 0003_step\.sql\): restore it with mona 0\.1\.0 or later$/,
    );
  });

  it('refuses a backup whose migration differs from ours at the same number', () => {
    const other = manifest();
    (other.database.migrations[1] as { checksum: string }).checksum = 'changed';
    expect(() => assertRestorableSchema(other, ours)).toThrow(/migration 0002_step\.sql is not this mona's/);
  });
});
