import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../../test/zip-writer.js';
import {
  CLAMSCAN_MAX_FILE_BYTES,
  type ClamAvSettings,
  clamscanArgs,
  EICAR,
  eicarSignatureFile,
  scanFile,
} from './clamav.js';

let dir: string;
let settings: ClamAvSettings;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clamav-'));
  writeFileSync(join(dir, 'eicar.ndb'), eicarSignatureFile());
  settings = { command: 'clamscan', databasePath: join(dir, 'eicar.ndb'), maxBytes: 1024 ** 3 };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('scanFile', () => {
  it('finds nothing in a clean file', async () => {
    expect(await scanFile(file('clean.csv', 'a;b\n1;2\n'), settings)).toEqual({ clean: true });
  });

  it('finds EICAR and names the signature', async () => {
    expect(await scanFile(file('eicar.txt', EICAR), settings)).toEqual({
      clean: false,
      signature: 'Eicar-Test-Signature.UNOFFICIAL',
    });
  });

  it('finds EICAR inside a zip, and at the end of a large file', async () => {
    const zip = join(dir, 'eicar.zip');
    await writeZip(zip, [{ name: 'notes/readme.txt', data: Buffer.from(EICAR) }]);
    expect(await scanFile(zip, settings)).toMatchObject({ clean: false });
    // Past the 100 MB clamscan skips by default, and past its default scan size.
    const big = join(dir, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 420 * 1024 ** 2);
    writeFileSync(big, EICAR, { flag: 'a' });
    expect(await scanFile(big, settings)).toMatchObject({ clean: false });
  }, 60_000);

  it('reports a missing or empty signature database as an error, never as clean', async () => {
    const clean = file('also-clean.txt', 'hello\n');
    expect(await scanFile(clean, { ...settings, databasePath: join(dir, 'missing.ndb') })).toMatchObject({
      error: expect.any(String),
    });
    mkdirSync(join(dir, 'empty-db'));
    expect(await scanFile(clean, { ...settings, databasePath: join(dir, 'empty-db') })).toMatchObject({
      error: expect.stringContaining('No supported database'),
    });
  });

  it('reports a scanner that cannot run or takes too long as an error', async () => {
    const clean = file('clean.txt', 'hello\n');
    expect(await scanFile(clean, { ...settings, command: '/nonexistent/clamscan' })).toMatchObject({
      error: expect.stringContaining('could not run'),
    });
    expect(await scanFile(clean, { ...settings, timeoutMs: 1 })).toEqual({
      error: 'the virus scan took longer than 0.001 s',
    });
  });

  it('reports content beyond a scanner limit as an error (here a zip over the recursion limit)', async () => {
    // Every member zip adds a level; clamscan stops at 17 (--max-recursion), and so must alert.
    let path = file('level-0.txt', 'hello\n');
    for (let level = 1; level <= 20; level++) {
      const next = join(dir, `level-${level}.zip`);
      await writeZip(next, [{ name: basename(path), data: readFileSync(path) }]);
      path = next;
    }
    expect(await scanFile(path, settings)).toMatchObject({ error: expect.stringContaining('MaxRecursion') });
  });

  it('refuses, without running clamscan, a file larger than it can scan', async () => {
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, CLAMSCAN_MAX_FILE_BYTES + 1); // sparse: no disk used
    expect(await scanFile(huge, { ...settings, command: '/nonexistent/clamscan' })).toMatchObject({
      error: expect.stringContaining('cannot scan files over'),
    });
  });

  it('passes limits above anything clamscan would otherwise skip as clean', () => {
    const args = clamscanArgs('/q/file', null, 600_000);
    expect(args).toEqual(
      expect.arrayContaining([
        '--max-filesize=2147483647',
        '--max-scansize=1099511627776',
        '--max-files=1000000',
        '--max-scantime=600000',
        '--alert-exceeds-max=yes',
      ]),
    );
    expect(args.slice(-2)).toEqual(['--', '/q/file']);
    expect(args.some((arg) => arg.startsWith('--database'))).toBe(false);
  });
});
