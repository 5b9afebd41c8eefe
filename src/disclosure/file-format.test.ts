import { describe, expect, it } from 'vitest';
import { detectFormat, FORMAT_HEAD_BYTES } from './file-format.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe("a file's format", () => {
  it('comes from its bytes where they tell: a data file or a picture named .csv is not a table', () => {
    expect(detectFormat('results.csv', latin1('PAR1\x15\x04'))).toEqual({ kind: 'data', format: 'parquet' });
    expect(detectFormat('results.csv', latin1('\x89PNG\r\n\x1a\n\x00'))).toEqual({
      kind: 'image',
      format: 'png',
    });
    expect(detectFormat('table.csv', latin1('SQLite format 3\x00'))).toEqual({
      kind: 'data',
      format: 'sqlite',
    });
    expect(detectFormat('out.txt', latin1('%PDF-1.7\n'))).toEqual({ kind: 'document', format: 'pdf' });
    expect(detectFormat('x', latin1('<stata_dta><header>'))).toEqual({ kind: 'data', format: 'dta' });
    expect(detectFormat('x', latin1('RDX3\nX\n'))).toEqual({ kind: 'data', format: 'rdata' });
    expect(detectFormat('x', latin1('\x1f\x8b\x08\x00'))).toEqual({ kind: 'archive', format: 'gzip' });
  });

  it('finds a tar archive by the magic at byte 257', () => {
    const tar = Buffer.alloc(FORMAT_HEAD_BYTES);
    tar.write('ustar', 257, 'latin1');
    expect(detectFormat('results.tar', tar)).toEqual({ kind: 'archive', format: 'tar' });
  });

  it('takes a zip for the office file its name says, and for an archive otherwise', () => {
    const zip = latin1('PK\x03\x04\x14\x00');
    expect(detectFormat('Tables.XLSX', zip)).toEqual({ kind: 'spreadsheet', format: 'xlsx' });
    expect(detectFormat('tables.ods', zip)).toEqual({ kind: 'spreadsheet', format: 'ods' });
    expect(detectFormat('report.docx', zip)).toEqual({ kind: 'document', format: 'docx' });
    expect(detectFormat('results.zip', zip)).toEqual({ kind: 'archive', format: 'zip' });
    expect(detectFormat('results.csv', zip)).toEqual({ kind: 'archive', format: 'zip' });
  });

  it('knows the formats that carry their data inside a picture by name', () => {
    expect(detectFormat('figure.svg', latin1('<svg xmlns="http://www.w3.org/2000/svg">'))).toEqual({
      kind: 'image',
      format: 'svg',
    });
    expect(detectFormat('graph.gph', latin1('\x00\x01binary'))).toEqual({ kind: 'image', format: 'gph' });
  });

  it('reads text as a table by a delimited name, otherwise as text, in whatever encoding', () => {
    expect(detectFormat('counts.csv', latin1('kommun;antal\nSolna;12\n'))).toEqual({
      kind: 'table',
      format: 'csv',
    });
    expect(detectFormat('counts.TSV', latin1('a\tb\n'))).toEqual({ kind: 'table', format: 'tsv' });
    expect(detectFormat('model.log', latin1('Residual standard error'))).toEqual({
      kind: 'text',
      format: 'text',
    });
    expect(detectFormat('notes.txt', latin1('Län;Antal\nÖrebro;12\n'))).toEqual({
      kind: 'text',
      format: 'text',
    });
    expect(detectFormat('report.html', latin1('<html>'))).toEqual({ kind: 'text', format: 'html' });
    expect(detectFormat('README.md', Buffer.from('# Resultat ✓', 'utf8'))).toEqual({
      kind: 'text',
      format: 'markdown',
    });
    expect(detectFormat('broken.csv', latin1('a,b\n\xff\xfe\xc3(\n'))).toEqual({
      kind: 'table',
      format: 'csv',
    });
    expect(detectFormat('empty.csv', new Uint8Array())).toEqual({ kind: 'table', format: 'csv' });
  });

  it('calls bytes of no known format binary, whatever their name; a data file by name stays one', () => {
    expect(detectFormat('results.csv', latin1('\x00\x01\x02\x03binary'))).toEqual({
      kind: 'unknown',
      format: 'binary',
    });
    expect(detectFormat('survey.sav', latin1('\x00\x01\x02'))).toEqual({ kind: 'data', format: 'sav' });
    expect(detectFormat('old.xls', latin1('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'))).toEqual({
      kind: 'spreadsheet',
      format: 'xls',
    });
    expect(detectFormat('locked.xlsx', latin1('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'))).toEqual({
      kind: 'unknown',
      format: 'ole2',
    });
  });
});
