import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officeMembers, PNG, writeZip } from '../../../test/zip-writer.js';
import { checkKind, detectKind, type InspectionPolicy } from './file-kind.js';

const policy: InspectionPolicy = {
  allowedTypes: ['csv', 'txt', 'pdf', 'png', 'jpg', 'docx', 'xlsx', 'zip'],
  archive: { maxDepth: 1, maxMembers: 10, maxUncompressedBytes: 1024 ** 2, maxCompressionRatio: 200 },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-kind-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(bytes: string | Buffer): string {
  const path = join(dir, 'upload');
  writeFileSync(path, bytes);
  return path;
}

describe('detectKind: text', () => {
  it('takes UTF-8 CSV with å ä ö, with or without a BOM', async () => {
    expect(await detectKind(file('namn;ort\nÅsa;Malmö\nÄrla;Öland\n'), 'data.csv')).toEqual({
      extension: 'csv',
      detected: 'csv',
    });
    expect(await detectKind(file('\uFEFFnamn;ort\nÅsa;Malmö\n'), 'data.csv')).toMatchObject({
      detected: 'csv',
    });
  });

  it('takes Windows-1252 ("ANSI") CSV, as Excel and SAS write it on Windows', async () => {
    expect(
      await detectKind(file(Buffer.from('namn;ort;belopp\r\nÅsa;Malmö;€ 5\r\n', 'latin1')), 'data.csv'),
    ).toEqual({ extension: 'csv', detected: 'csv' });
  });

  it('reads in chunks without splitting a character at the boundary', async () => {
    const text = `${'a'.repeat(1024 * 1024 - 1)}åäö\n`;
    expect(await detectKind(file(text), 'big.txt')).toMatchObject({ detected: 'txt' });
  });

  it('believes text even when it begins like a binary format ("BM" is a BMP header)', async () => {
    expect(await detectKind(file('BMI,age\n22.5,40\n'), 'bmi.csv')).toMatchObject({ detected: 'csv' });
  });

  it('refuses binary data under a text name', async () => {
    expect(await detectKind(file(Buffer.from([0x41, 0x00, 0x42, 0x0a])), 'notes.txt')).toMatchObject({
      reason: 'not_text',
      detail: expect.stringContaining('NUL'),
    });
  });

  it('refuses non-UTF-8 bytes with control characters, and UTF-16', async () => {
    expect(await detectKind(file(Buffer.from([0x61, 0xe5, 0x01, 0x0a])), 'x.csv')).toMatchObject({
      reason: 'not_text',
    });
    expect(await detectKind(file(Buffer.from('\uFEFFa;b\n', 'utf16le')), 'x.txt')).toMatchObject({
      reason: 'not_text',
      detail: expect.stringContaining('UTF-16'),
    });
  });

  it('refuses a PNG named .csv as a mismatch', async () => {
    expect(await detectKind(file(PNG), 'data.csv')).toMatchObject({
      reason: 'type_mismatch',
      detail: expect.stringContaining('PNG'),
    });
  });
});

describe('detectKind: binary formats', () => {
  it('recognises PNG, JPEG, PDF, extensions in any case', async () => {
    expect(await detectKind(file(PNG), 'Figure.PNG')).toEqual({ extension: 'png', detected: 'png' });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    expect(await detectKind(file(jpeg), 'photo.jpeg')).toEqual({ extension: 'jpeg', detected: 'jpg' });
    expect(await detectKind(file('%PDF-1.4\n%%EOF\n'), 'paper.pdf')).toMatchObject({ detected: 'pdf' });
  });

  it('tells a Word document from an Excel workbook', async () => {
    const docx = join(dir, 'a.docx');
    const xlsx = join(dir, 'a.xlsx');
    await writeZip(docx, officeMembers('docx'));
    await writeZip(xlsx, officeMembers('xlsx'));
    expect(await detectKind(docx, 'report.docx')).toEqual({ extension: 'docx', detected: 'docx' });
    expect(await detectKind(xlsx, 'table.xlsx')).toEqual({ extension: 'xlsx', detected: 'xlsx' });
    expect(await detectKind(docx, 'table.xlsx')).toMatchObject({ reason: 'type_mismatch' });
  });

  it('refuses an executable named .pdf, and bytes that are no PDF at all', async () => {
    copyFileSync('/bin/true', join(dir, 'upload'));
    expect(await detectKind(join(dir, 'upload'), 'paper.pdf')).toMatchObject({
      reason: 'type_mismatch',
      detail: expect.stringContaining('ELF'),
    });
    expect(await detectKind(file('just words'), 'paper.pdf')).toMatchObject({ reason: 'type_mismatch' });
  });

  it('refuses a name without an extension', async () => {
    expect(await detectKind(file('a,b\n'), 'README')).toMatchObject({ reason: 'type_not_allowed' });
    expect(await detectKind(file('a,b\n'), '.csv')).toMatchObject({ reason: 'type_not_allowed' });
  });
});

describe('checkKind', () => {
  it('refuses an extension not on the list before looking at the bytes', async () => {
    copyFileSync('/bin/true', join(dir, 'upload'));
    expect(await checkKind(join(dir, 'upload'), 'true.bin', policy)).toEqual({
      reason: 'type_not_allowed',
      detail: '.bin files are not accepted',
    });
    expect(await checkKind(file('MZ'), 'tool.EXE', policy)).toMatchObject({ reason: 'type_not_allowed' });
  });

  it('passes an allowed, truthful file', async () => {
    expect(await checkKind(file('a;b\n'), 'x.csv', policy)).toEqual({ extension: 'csv', detected: 'csv' });
  });
});
