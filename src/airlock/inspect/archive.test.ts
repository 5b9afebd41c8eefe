import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officeMembers, PNG, writeZip, type ZipMember, zeros } from '../../../test/zip-writer.js';
import { inspectPackage, inspectZip } from './archive.js';
import type { InspectionPolicy } from './file-kind.js';

const policy: InspectionPolicy = {
  allowedTypes: ['csv', 'txt', 'png', 'docx', 'xlsx', 'zip'],
  archive: { maxDepth: 1, maxMembers: 10, maxUncompressedBytes: 200 * 1024 ** 2, maxCompressionRatio: 200 },
};
const withLimits = (archive: Partial<InspectionPolicy['archive']>): InspectionPolicy => ({
  ...policy,
  archive: { ...policy.archive, ...archive },
});
const CSV = Buffer.from('lopnr;kommun\n1;Malmö\n');
const csv = (name: string): ZipMember => ({ name, data: CSV });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'archive-'));
});
afterEach(() => {
  // Whatever the outcome, nothing is left beside the upload.
  expect(readdirSync(dir).filter((name) => name.startsWith('.inspect-'))).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});

describe('inspectPackage', () => {
  it('checks the parts of an Office file, and of packages embedded in it, but not their types', async () => {
    const chart = await zip(
      [...officeMembers('xlsx'), { name: 'xl/media/image1.emf', data: Buffer.alloc(100) }],
      'c',
    );
    const docx = await zip([
      ...officeMembers('docx'),
      { name: 'word/embeddings/Sheet.xlsx', data: readFileSync(chart) },
    ]);
    expect(await inspectPackage(docx, policy)).toMatchObject({ members: 0 });
    const bomb = await zip([
      ...officeMembers('xlsx'),
      { name: 'xl/worksheets/sheet1.xml', data: zeros(100 * 1024 ** 2) },
    ]);
    const hidden = await zip([
      ...officeMembers('docx'),
      { name: 'word/embeddings/Sheet.xlsx', data: readFileSync(bomb) },
    ]);
    expect(await inspectPackage(hidden, withLimits({ maxUncompressedBytes: 50 * 1024 ** 2 }))).toMatchObject({
      reason: 'archive_too_large',
      member: 'word/embeddings/Sheet.xlsx/xl/worksheets/sheet1.xml',
    });
    const evil = await zip([...officeMembers('docx'), csv('../word/evil.xml')]);
    expect(await inspectPackage(evil, policy)).toMatchObject({ reason: 'archive_unsafe_name' });
    // Its parts never become files of their own, so a part name need not be a portable file name.
    const parts = await zip([...officeMembers('docx'), { name: 'word/media/image*1.emf', data: PNG }]);
    expect(await inspectPackage(parts, policy)).toMatchObject({ members: 0 });
  });
});

async function zip(members: ZipMember[], name = 'upload.zip'): Promise<string> {
  const path = join(dir, name);
  await writeZip(path, members);
  return path;
}

describe('inspectZip', () => {
  it('passes allowed members, folders and a zip nested within the depth', async () => {
    const inner = await zip([csv('inner.csv')], 'inner');
    const path = await zip([
      { name: 'data/', data: Buffer.alloc(0) },
      csv('data/a.csv'),
      { name: 'figure.png', data: PNG, method: 0 },
      { name: 'more.zip', data: readFileSync(inner) },
    ]);
    expect(await inspectZip(path, policy)).toEqual({
      members: 5,
      uncompressedBytes: 2 * CSV.length + PNG.length + statSync(inner).size,
    });
  });

  it('refuses too many members before unpacking any', async () => {
    const path = await zip(Array.from({ length: 11 }, (_, i) => csv(`${i}.csv`)));
    expect(await inspectZip(path, policy)).toMatchObject({ reason: 'archive_too_many_members' });
  });

  it.each([
    ['../evil.csv', 'outside'],
    ['a/../../evil.csv', 'outside'],
    ['/etc/cron.d/evil.csv', 'absolute'],
    ['C:/evil.csv', 'absolute'],
    ['dir\\evil.csv', 'backslash'],
    ['bell\u0007.csv', 'control'],
  ])('refuses the unsafe member name %j', async (name, why) => {
    const result = await inspectZip(await zip([csv('ok.csv'), csv(name)]), policy);
    expect(result).toMatchObject({ reason: 'archive_unsafe_name', detail: expect.stringContaining(why) });
  });

  it.each([
    ['report\u202etxt.exe.csv', 'report\\u202etxt.exe.csv', 'control'],
    ['data/CON.csv', 'data/CON.csv', 'reserved'],
    ['what?.csv', 'what?.csv', '< > :'],
    ['data./a.csv', 'data./a.csv', 'ends with a dot'],
    ['a//b.csv', 'a//b.csv', 'empty'],
    ['flip\u2067/', 'flip\\u2067/', 'control'],
    [`${'a'.repeat(252)}.csv`, `${'a'.repeat(252)}.csv`, 'at most 255 bytes'],
  ])(
    'refuses the member %j as the upload of a file so named would be, naming it legibly',
    async (name, shown, why) => {
      const result = await inspectZip(await zip([csv('ok.csv'), csv(name)]), policy);
      expect(result).toEqual({
        reason: 'archive_unsafe_name',
        member: shown,
        detail: expect.stringContaining(why),
      });
    },
  );

  it('applies those rules to a name in a Unicode path field too', async () => {
    const path = await zip([{ ...csv('safe.csv'), unicodePath: 'report\u202etxt.exe.csv' }]);
    expect(await inspectZip(path, policy)).toMatchObject({
      reason: 'archive_unsafe_name',
      member: 'report\\u202etxt.exe.csv',
    });
  });

  it('checks the name in a Unicode path field too, which some extractors prefer', async () => {
    const path = await zip([{ ...csv('safe.csv'), unicodePath: '../evil.csv' }]);
    expect(await inspectZip(path, policy)).toMatchObject({
      reason: 'archive_unsafe_name',
      member: '../evil.csv',
    });
  });

  it('refuses a symbolic link', async () => {
    const path = await zip([{ name: 'passwd.txt', data: Buffer.from('/etc/passwd'), symlink: true }]);
    expect(await inspectZip(path, policy)).toMatchObject({
      reason: 'archive_unsafe_name',
      member: 'passwd.txt',
    });
  });

  it('refuses an encrypted member, which no scanner can look into', async () => {
    const path = await zip([csv('a.csv'), { ...csv('secret.csv'), encrypted: true }]);
    expect(await inspectZip(path, policy)).toMatchObject({
      reason: 'archive_encrypted',
      member: 'secret.csv',
    });
  });

  it('stops a zip bomb (100 MB of zeros in about 100 KB) early', async () => {
    const path = await zip([{ name: 'zeros.csv', data: zeros(100 * 1024 ** 2) }]);
    expect(statSync(path).size).toBeLessThan(200 * 1024);
    expect(await inspectZip(path, policy)).toMatchObject({ reason: 'archive_bomb', member: 'zeros.csv' });
  });

  it('counts the bytes actually unpacked, not the sizes the archive declares', async () => {
    const lying = await zip([{ name: 'zeros.csv', data: zeros(100 * 1024 ** 2), declaredSize: 1000 }]);
    expect(await inspectZip(lying, policy)).toMatchObject({ reason: 'archive_bomb' });
    const understated = await zip([
      { name: 'a.csv', data: Buffer.from('a;b\n'.repeat(100)), declaredSize: 10 },
    ]);
    expect(await inspectZip(understated, policy)).toMatchObject({
      reason: 'archive_corrupt',
      member: 'a.csv',
    });
  });

  it('refuses more unpacked bytes than allowed, by the declared sizes before unpacking', async () => {
    const path = await zip([csv('a.csv'), { name: 'b.csv', data: Buffer.alloc(5000, 'x;y\n'), method: 0 }]);
    expect(await inspectZip(path, withLimits({ maxUncompressedBytes: 4000 }))).toMatchObject({
      reason: 'archive_too_large',
      member: 'b.csv',
    });
  });

  it('refuses a member larger than clamscan can scan, which it would check only in part', async () => {
    const path = await zip([{ name: 'huge.csv', data: Buffer.from('a;b\n'), declaredSize: 3_000_000_000 }]);
    const roomy = withLimits({ maxUncompressedBytes: 4 * 1024 ** 3, maxCompressionRatio: 10_000 });
    expect(await inspectZip(path, roomy)).toMatchObject({
      reason: 'archive_too_large',
      detail: expect.stringContaining('virus scanner'),
      member: 'huge.csv',
    });
  });

  it('refuses nesting deeper than maxDepth, naming the way in', async () => {
    const innermost = await zip([csv('deep.csv')], 'innermost');
    const middle = await zip([{ name: 'c.zip', data: readFileSync(innermost) }], 'middle');
    const path = await zip([{ name: 'b.zip', data: readFileSync(middle) }]);
    expect(await inspectZip(path, policy)).toMatchObject({
      reason: 'archive_too_deep',
      member: 'b.zip/c.zip',
    });
    expect(await inspectZip(path, withLimits({ maxDepth: 2 }))).toMatchObject({ members: 3 });
    expect(await inspectZip(path, withLimits({ maxDepth: 0 }))).toMatchObject({ reason: 'archive_too_deep' });
  });

  it('checks each member like an upload of its own', async () => {
    expect(await inspectZip(await zip([csv('a.csv'), { name: 'b.csv', data: PNG }]), policy)).toMatchObject({
      reason: 'type_mismatch',
      member: 'b.csv',
    });
    expect(await inspectZip(await zip([{ name: 'run.exe', data: Buffer.from('MZ') }]), policy)).toMatchObject(
      {
        reason: 'type_not_allowed',
        member: 'run.exe',
      },
    );
  });

  it('looks into Office files within, whose parts count neither as members nor as depth', async () => {
    const docx = await zip(officeMembers('docx'), 'report');
    const path = await zip([csv('a.csv'), { name: 'report.docx', data: readFileSync(docx) }]);
    expect(await inspectZip(path, withLimits({ maxMembers: 2, maxDepth: 0 }))).toMatchObject({ members: 2 });
    const bad = await zip(
      [...officeMembers('docx'), { ...csv('word/x.xml'), declaredSize: 3_000_000_000 }],
      'bad',
    );
    const outer = await zip([{ name: 'report.docx', data: readFileSync(bad) }]);
    expect(await inspectZip(outer, policy)).toMatchObject({ member: 'report.docx/word/x.xml' });
  });

  it('refuses what it cannot unpack', async () => {
    writeFileSync(join(dir, 'broken.zip'), 'PK\u0003\u0004 not really a zip');
    expect(await inspectZip(join(dir, 'broken.zip'), policy)).toMatchObject({ reason: 'archive_corrupt' });
    const bzip2 = await zip([{ ...csv('a.csv'), method: 12 }]);
    expect(await inspectZip(bzip2, policy)).toMatchObject({
      reason: 'archive_corrupt',
      detail: expect.stringContaining('method 12'),
    });
  });
});
