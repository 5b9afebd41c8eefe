import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkFileName,
  isErrorCode,
  resolveInside,
  UnsafePathError,
  type UnsafePathReason,
  uniqueName,
} from './safe-path.js';

function reasonOf(action: () => unknown): UnsafePathReason | 'accepted' {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (error instanceof UnsafePathError) return error.reason;
    throw error;
  }
}

async function refusal(action: Promise<unknown>): Promise<UnsafePathReason | 'accepted'> {
  try {
    await action;
    return 'accepted';
  } catch (error) {
    if (error instanceof UnsafePathError) return error.reason;
    throw error;
  }
}

describe('checkFileName', () => {
  it.each([
    ['data.csv'],
    ['.Rprofile'],
    ['Rapport 2026 (slutlig).docx'],
    ['smörgåsbord_ÅÄÖ.txt'],
    ['a'.repeat(255)],
    ['å'.repeat(127)],
    // Names that only look like the ones Windows reserves.
    ['console.log'],
    ['COM10'],
    ['icon.png'],
    ['conference.txt'],
    ['aux_data.csv'],
    ['nul1.csv'],
    ['com.csv'],
    ['lpt'],
    ['xcom1.txt'],
  ])('accepts %s', (name) => {
    expect(checkFileName(name)).toBe(name);
  });

  it('returns the NFC form, so that the same name typed on a Mac and on Windows is one file', () => {
    expect(checkFileName('a\u0308.txt')).toBe('ä.txt');
  });

  it.each<[string, UnsafePathReason]>([
    ['', 'empty'],
    ['.', 'traversal'],
    ['..', 'traversal'],
    ['a/b', 'traversal'],
    ['a\\b', 'traversal'],
    ['/etc', 'absolute'],
    ['\\server', 'absolute'],
    ['a\u0000b', 'control_character'],
    ['line\nbreak', 'control_character'],
    ['tab\t', 'control_character'],
    ['del\u007f', 'control_character'],
    ['c1\u0085', 'control_character'],
    ['photo\u202Egpj.exe', 'control_character'],
    ['a<b', 'unportable_character'],
    ['a>b', 'unportable_character'],
    ['C:data', 'unportable_character'],
    ['say "hi"', 'unportable_character'],
    ['a|b', 'unportable_character'],
    ['why?', 'unportable_character'],
    ['*.csv', 'unportable_character'],
    ['lone\ud800', 'unportable_character'],
    ['CON', 'reserved_name'],
    ['prn.txt', 'reserved_name'],
    ['Aux.tar.gz', 'reserved_name'],
    ['nul', 'reserved_name'],
    ['com1', 'reserved_name'],
    ['LPT9.csv', 'reserved_name'],
    ['COM¹', 'reserved_name'],
    ['con .txt', 'reserved_name'],
    ['name.', 'trailing_dot_or_space'],
    ['name ', 'trailing_dot_or_space'],
    ['a'.repeat(256), 'too_long'],
    ['å'.repeat(128), 'too_long'],
  ])('refuses %j as %s', (name, reason) => {
    expect(reasonOf(() => checkFileName(name))).toBe(reason);
  });

  it('shows in its message where an invisible or text-turning character is', () => {
    expect(() => checkFileName('photo\u202Egpj.exe')).toThrow(
      '"photo\\u202egpj.exe" contains a control character',
    );
    expect(() => checkFileName('del\u007f')).toThrow('"del\\u007f"');
  });
});

describe('on the filesystem', () => {
  let base: string;
  let root: string;
  let outside: string;
  beforeEach(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'mona-safe-path-')));
    root = join(base, 'vault');
    outside = join(base, 'outside');
    await mkdir(join(root, 'home', 'anna', 'InBox'), { recursive: true });
    await mkdir(outside);
    await writeFile(join(outside, 'secret.csv'), 'x');
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  describe('resolveInside', () => {
    it('joins checked names below the real root, whether or not the path exists yet', async () => {
      expect(await resolveInside(root, 'home', 'anna')).toBe(join(root, 'home', 'anna'));
      expect(await resolveInside(root, 'home', 'anna', 'InBox', 'new', 'data.csv')).toBe(
        join(root, 'home', 'anna', 'InBox', 'new', 'data.csv'),
      );
      expect(await resolveInside(root)).toBe(root);
    });

    it('refuses names that are not file names', async () => {
      expect(await refusal(resolveInside(root, 'home', '..', '..', 'outside'))).toBe('traversal');
      expect(await refusal(resolveInside(root, '/etc/passwd'))).toBe('absolute');
      expect(await refusal(resolveInside(root, 'home', 'anna/../../..'))).toBe('traversal');
      expect(await refusal(resolveInside(root, 'home', ''))).toBe('empty');
    });

    it('refuses a link that leads out of the root, to a file or to a folder below which the path goes on', async () => {
      await symlink(join(outside, 'secret.csv'), join(root, 'home', 'anna', 'InBox', 'secret.csv'));
      await symlink(outside, join(root, 'home', 'anna', 'InBox', 'elsewhere'));
      await symlink('../../../../outside', join(root, 'home', 'anna', 'InBox', 'relative'));
      const inbox = ['home', 'anna', 'InBox'];
      expect(await refusal(resolveInside(root, ...inbox, 'secret.csv'))).toBe('outside_root');
      expect(await refusal(resolveInside(root, ...inbox, 'elsewhere', 'secret.csv'))).toBe('outside_root');
      expect(await refusal(resolveInside(root, ...inbox, 'elsewhere', 'not-yet.csv'))).toBe('outside_root');
      expect(await refusal(resolveInside(root, ...inbox, 'relative', 'a', 'b'))).toBe('outside_root');
    });

    it('refuses a dangling or looping link, which creating a file would follow', async () => {
      await symlink(join(outside, 'not-yet.csv'), join(root, 'dangling'));
      await symlink(join(root, 'loop'), join(root, 'loop'));
      expect(await refusal(resolveInside(root, 'dangling'))).toBe('symlink');
      expect(await refusal(resolveInside(root, 'loop'))).toBe('symlink');
      expect(await refusal(resolveInside(root, 'loop', 'file'))).toBe('symlink');
    });

    it('follows a link that stays inside the root, to its real path', async () => {
      await symlink(join(root, 'home', 'anna', 'InBox'), join(root, 'shortcut'));
      expect(await resolveInside(root, 'shortcut', 'data.csv')).toBe(
        join(root, 'home', 'anna', 'InBox', 'data.csv'),
      );
    });

    it('fails with the file system’s error, rather than call a path missing, when it runs through a file', async () => {
      await writeFile(join(root, 'data.csv'), 'x');
      await symlink(join(root, 'data.csv', 'below'), join(root, 'through-a-file'));
      await expect(resolveInside(root, 'through-a-file')).rejects.toMatchObject({ code: 'ENOTDIR' });
    });

    it('takes a root that is itself reached through a link', async () => {
      await symlink(root, join(base, 'vault-link'));
      expect(await resolveInside(join(base, 'vault-link'), 'home')).toBe(join(root, 'home'));
    });
  });

  describe('uniqueName', () => {
    it('keeps a free name, numbers a taken one, and counts on from a number already there', async () => {
      const dir = join(root, 'home', 'anna', 'InBox');
      expect(await uniqueName(dir, 'data.csv')).toBe('data.csv');
      await writeFile(join(dir, 'data.csv'), '1');
      expect(await uniqueName(dir, 'data.csv')).toBe('data (2).csv');
      await writeFile(join(dir, 'data (2).csv'), '2');
      expect(await uniqueName(dir, 'data.csv')).toBe('data (3).csv');
      expect(await uniqueName(dir, 'data (2).csv')).toBe('data (3).csv');
      // A number inside the name is part of it: only one at its very end is counted on from.
      await writeFile(join(dir, 'data (2) copy.csv'), '3');
      expect(await uniqueName(dir, 'data (2) copy.csv')).toBe('data (2) copy (2).csv');
      await writeFile(join(dir, 'data (12).csv'), '4');
      expect(await uniqueName(dir, 'data (12).csv')).toBe('data (13).csv');
    });

    it('gives up after (99999)', async () => {
      const dir = join(root, 'home', 'anna', 'InBox');
      for (const name of ['data (99998).csv', 'data (99999).csv']) await writeFile(join(dir, name), '');
      await expect(uniqueName(dir, 'data (99998).csv')).rejects.toThrow(/no free name/);
    });

    it('fails with the file system’s error, rather than call every name free, in a folder that is a file', async () => {
      const file = join(root, 'home', 'anna', 'InBox', 'data.csv');
      await writeFile(file, '');
      await expect(uniqueName(file, 'x.csv')).rejects.toMatchObject({ code: 'ENOTDIR' });
    });

    it('numbers names without an extension, dotfiles, and names already at the longest', async () => {
      const dir = join(root, 'home', 'anna', 'InBox');
      const long = `${'å'.repeat(125)}.csv`;
      const longest = `${'a'.repeat(251)}.csv`;
      for (const name of ['README', '.Rprofile', 'archive.tar.gz', long, longest])
        await writeFile(join(dir, name), '');
      expect(await uniqueName(dir, 'README')).toBe('README (2)');
      expect(await uniqueName(dir, '.Rprofile')).toBe('.Rprofile (2)');
      expect(await uniqueName(dir, 'archive.tar.gz')).toBe('archive.tar (2).gz');
      // Whole characters only, and as many as fit: 246 bytes of å, and all 255 bytes of the ASCII name.
      expect(await uniqueName(dir, long)).toBe(`${'å'.repeat(123)} (2).csv`);
      expect(await uniqueName(dir, longest)).toBe(`${'a'.repeat(247)} (2).csv`);
    });

    it('counts a dangling link as taken, and refuses an unsafe name', async () => {
      const dir = join(root, 'home', 'anna', 'InBox');
      await symlink(join(outside, 'nothing'), join(dir, 'trap.csv'));
      expect(await uniqueName(dir, 'trap.csv')).toBe('trap (2).csv');
      expect(await refusal(uniqueName(dir, '../x'))).toBe('traversal');
    });
  });
});

describe('isErrorCode', () => {
  it('is true only for an error with that code', () => {
    expect(isErrorCode(Object.assign(new Error('gone'), { code: 'ENOENT' }), 'ENOENT')).toBe(true);
    for (const thrown of [new Error('gone'), null, undefined, 'ENOENT'])
      expect(isErrorCode(thrown, 'ENOENT')).toBe(false);
  });
});
