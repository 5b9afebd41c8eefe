import { link, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertRoomFor, directoryUsage, QuotaExceededError } from './quota.js';

const MB = 1024 * 1024;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mona-quota-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('directoryUsage', () => {
  it('adds up regular files in every folder below', async () => {
    expect(await directoryUsage(dir)).toBe(0);
    await mkdir(join(dir, 'InBox', 'deep'), { recursive: true });
    await writeFile(join(dir, 'a.csv'), Buffer.alloc(1000));
    await writeFile(join(dir, 'InBox', 'b.csv'), Buffer.alloc(234));
    await writeFile(join(dir, 'InBox', 'deep', 'c.csv'), Buffer.alloc(1));
    expect(await directoryUsage(dir)).toBe(1235);
  });

  it('counts a hard-linked file once and does not follow links', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'mona-quota-elsewhere-'));
    try {
      await writeFile(join(elsewhere, 'big.bin'), Buffer.alloc(50_000));
      await writeFile(join(dir, 'a.csv'), Buffer.alloc(700));
      await link(join(dir, 'a.csv'), join(dir, 'a-again.csv'));
      await symlink(join(elsewhere, 'big.bin'), join(dir, 'big.bin'));
      await symlink(elsewhere, join(dir, 'folder-link'));
      expect(await directoryUsage(dir)).toBe(700);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('fails for a folder that does not exist', async () => {
    await expect(directoryUsage(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('assertRoomFor', () => {
  it('lets in what fits, up to the quota exactly, and says how much is used', async () => {
    await writeFile(join(dir, 'a.csv'), Buffer.alloc(MB));
    expect(await assertRoomFor(dir, 2 * MB, 3 * MB)).toEqual({ usedBytes: MB });
  });

  it('refuses what would exceed the quota, with the numbers', async () => {
    // Sparse: what counts is the size a user sees.
    await writeFile(join(dir, 'a.csv'), '');
    await truncate(join(dir, 'a.csv'), 200 * MB);
    const incoming = Math.round(60.1 * MB);
    const error = await assertRoomFor(dir, incoming, 250 * MB).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ usedBytes: 200 * MB, quotaBytes: 250 * MB, incomingBytes: incoming });
    expect((error as Error).message).toBe('My Documents would hold 260.1 MB of its 250 MB');
  });

  it('never shows an excess of a single byte as a total equal to the quota', () => {
    expect(new QuotaExceededError(250 * MB, 250 * MB, 1).message).toBe(
      'My Documents would hold 250.1 MB of its 250 MB',
    );
  });
});
