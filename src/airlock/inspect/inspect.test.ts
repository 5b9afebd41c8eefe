import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeMembers, PNG, writeZip, type ZipMember, zeros } from '../../../test/zip-writer.js';
import { type ClamAvSettings, EICAR, eicarSignatureFile } from './clamav.js';
import type { InspectionPolicy } from './file-kind.js';
import { inspectUpload } from './inspect.js';

const policy: InspectionPolicy = {
  allowedTypes: ['csv', 'txt', 'pdf', 'png', 'docx', 'xlsx', 'zip'],
  archive: { maxDepth: 1, maxMembers: 1000, maxUncompressedBytes: 4 * 1024 ** 3, maxCompressionRatio: 200 },
};

let dir: string;
let clamav: ClamAvSettings;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspect-'));
  writeFileSync(join(dir, 'eicar.ndb'), eicarSignatureFile());
  clamav = { command: 'clamscan', databasePath: join(dir, 'eicar.ndb'), maxBytes: 1024 ** 3 };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function upload(bytes: string | Buffer): string {
  const path = join(dir, 'upload');
  writeFileSync(path, bytes);
  return path;
}

async function uploadZip(members: ZipMember[]): Promise<string> {
  const path = join(dir, 'upload.zip');
  await writeZip(path, members);
  return path;
}

describe('inspectUpload', () => {
  it('accepts allowed, truthful, clean files', async () => {
    expect(await inspectUpload(upload('kön;ålder\nkvinna;42\n'), 'register.csv', policy, clamav)).toEqual({
      ok: true,
      detected: 'csv',
    });
    const docx = await uploadZip(officeMembers('docx'));
    expect(await inspectUpload(docx, 'report.docx', policy, clamav)).toEqual({ ok: true, detected: 'docx' });
    const zip = await uploadZip([{ name: 'a.csv', data: Buffer.from('a;b\n') }]);
    expect(await inspectUpload(zip, 'data.zip', policy, clamav)).toEqual({ ok: true, detected: 'zip' });
  });

  it('rejects in order: empty, type, archive, virus', async () => {
    expect(await inspectUpload(upload(''), 'a.csv', policy, clamav)).toMatchObject({
      ok: false,
      reason: 'empty',
    });
    expect(await inspectUpload(upload(PNG), 'data.csv', policy, clamav)).toMatchObject({
      ok: false,
      reason: 'type_mismatch',
    });
    expect(await inspectUpload(upload(EICAR), 'virus.exe', policy, clamav)).toMatchObject({
      reason: 'type_not_allowed',
    });
    const bomb = await uploadZip([{ name: 'zeros.csv', data: zeros(100 * 1024 ** 2) }]);
    expect(await inspectUpload(bomb, 'data.zip', policy, clamav)).toMatchObject({ reason: 'archive_bomb' });
    expect(await inspectUpload(upload(EICAR), 'notes.txt', policy, clamav)).toEqual({
      ok: false,
      reason: 'infected',
      detail: 'the virus scanner found Eicar-Test-Signature.UNOFFICIAL',
    });
  });

  it('finds a virus inside an archive whose members all look fine', async () => {
    const zip = await uploadZip([{ name: 'notes/readme.txt', data: Buffer.from(EICAR) }]);
    expect(await inspectUpload(zip, 'data.zip', policy, clamav)).toMatchObject({
      ok: false,
      reason: 'infected',
    });
  });

  it('rejects what the scanner cannot look into as encrypted', async () => {
    const docx = await uploadZip([
      ...officeMembers('docx'),
      { name: 'word/media/x.png', data: PNG, encrypted: true },
    ]);
    expect(await inspectUpload(docx, 'report.docx', policy, clamav)).toMatchObject({
      ok: false,
      reason: 'archive_encrypted',
    });
  });

  it('fails, never passes, when the scan cannot be done', async () => {
    const path = upload('a;b\n');
    const noDatabase = { ...clamav, databasePath: join(dir, 'missing.ndb') };
    expect(await inspectUpload(path, 'a.csv', policy, noDatabase)).toMatchObject({
      ok: false,
      reason: 'scan_failed',
    });
  });
});
