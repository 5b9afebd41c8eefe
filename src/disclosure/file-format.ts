import { extname } from 'node:path';

/** What the checker reads a file as (the JSON contract's `kind`). */
export type FileKind =
  | 'table'
  | 'text'
  | 'spreadsheet'
  | 'document'
  | 'image'
  | 'archive'
  | 'data'
  | 'unknown';

export interface FileFormat {
  kind: FileKind;
  /** The format within the kind: `csv`, `xlsx`, `parquet`, `svg`, …; `binary` for bytes of no known format. */
  format: string;
}

/** How many of a file's first bytes `detectFormat` needs: the tar header's magic lies at 257. */
export const FORMAT_HEAD_BYTES = 512;

// Signatures at the start of a file (or at an offset), checked before the name: a Parquet file named .csv is
// still microdata, and bytes named .csv are not a table.
const SIGNATURES: { format: string; kind: FileKind; bytes: string; at?: number }[] = [
  { format: 'pdf', kind: 'document', bytes: '%PDF-' },
  { format: 'png', kind: 'image', bytes: '\x89PNG\r\n\x1a\n' },
  { format: 'jpeg', kind: 'image', bytes: '\xff\xd8\xff' },
  { format: 'gif', kind: 'image', bytes: 'GIF8' },
  { format: 'gzip', kind: 'archive', bytes: '\x1f\x8b' },
  { format: 'tar', kind: 'archive', bytes: 'ustar', at: 257 },
  { format: 'parquet', kind: 'data', bytes: 'PAR1' },
  { format: 'feather', kind: 'data', bytes: 'ARROW1' },
  { format: 'sqlite', kind: 'data', bytes: 'SQLite format 3\x00' },
  { format: 'duckdb', kind: 'data', bytes: 'DUCK', at: 8 },
  { format: 'dta', kind: 'data', bytes: '<stata_dta>' },
  { format: 'sav', kind: 'data', bytes: '$FL2' },
  { format: 'sav', kind: 'data', bytes: '$FL3' },
  { format: 'rdata', kind: 'data', bytes: 'RDX2\n' },
  { format: 'rdata', kind: 'data', bytes: 'RDX3\n' },
  // An uncompressed RDS file: "X\n" (XDR) and version 2 or 3.
  { format: 'rds', kind: 'data', bytes: 'X\n\x00\x00\x00' },
  {
    format: 'sas7bdat',
    kind: 'data',
    bytes:
      '\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xc2\xea\x81\x60\xb3\x14\x11\xcf\xbd\x92\x08\x00\x09\xc7\x31\x8c\x18\x1f\x10\x11',
  },
];

// Zip containers: what the name says they hold (the reader confirms it from the entries).
const ZIP_FORMATS: Record<string, FileFormat> = {
  '.xlsx': { kind: 'spreadsheet', format: 'xlsx' },
  '.xlsm': { kind: 'spreadsheet', format: 'xlsx' },
  '.ods': { kind: 'spreadsheet', format: 'ods' },
  '.docx': { kind: 'document', format: 'docx' },
  '.odt': { kind: 'document', format: 'odt' },
};

// Formats known by name only: both carry their data inside a picture.
const BY_NAME: Record<string, FileFormat> = {
  '.svg': { kind: 'image', format: 'svg' },
  '.gph': { kind: 'image', format: 'gph' },
  '.xls': { kind: 'spreadsheet', format: 'xls' },
  '.doc': { kind: 'document', format: 'doc' },
  '.dta': { kind: 'data', format: 'dta' },
  '.sas7bdat': { kind: 'data', format: 'sas7bdat' },
  '.sav': { kind: 'data', format: 'sav' },
  '.rds': { kind: 'data', format: 'rds' },
  '.rdata': { kind: 'data', format: 'rdata' },
  '.rda': { kind: 'data', format: 'rdata' },
  '.db': { kind: 'data', format: 'sqlite' },
  '.duckdb': { kind: 'data', format: 'duckdb' },
  '.parquet': { kind: 'data', format: 'parquet' },
  '.feather': { kind: 'data', format: 'feather' },
};

// Delimited or fixed-width tables by name; a .txt may be anything, and is read as text (tables in it are found).
const DELIMITED = new Set(['.csv', '.tsv', '.tab', '.dat', '.prn']);

/**
 * What a file is, from its name and its first bytes (`FORMAT_HEAD_BYTES` of them, fewer for a short file):
 * the bytes decide where they can, the name only among formats the bytes cannot tell apart.
 */
export function detectFormat(name: string, head: Uint8Array): FileFormat {
  const extension = extname(name).toLowerCase();
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const signed = SIGNATURES.find((signature) => startsWith(bytes, signature.bytes, signature.at));
  if (signed) return { kind: signed.kind, format: signed.format };
  if (startsWith(bytes, 'PK\x03\x04') || startsWith(bytes, 'PK\x05\x06')) {
    return ZIP_FORMATS[extension] ?? { kind: 'archive', format: 'zip' };
  }
  // OLE2 (legacy Office), encrypted OOXML included: not a format the checker reads.
  if (startsWith(bytes, '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1')) {
    return BY_NAME[extension] ?? { kind: 'unknown', format: 'ole2' };
  }
  const named = BY_NAME[extension];
  if (named && named.kind !== 'data') return named;
  if (!looksLikeText(bytes)) return named ?? { kind: 'unknown', format: 'binary' };
  // Text in a data file's name is no data file: whatever it holds is checked as text.
  if (DELIMITED.has(extension)) return { kind: 'table', format: extension.slice(1) };
  return { kind: 'text', format: textFormat(extension) };
}

function textFormat(extension: string): string {
  if (extension === '.html' || extension === '.htm') return 'html';
  if (extension === '.md' || extension === '.markdown') return 'markdown';
  return 'text';
}

function startsWith(bytes: Buffer, signature: string, at = 0): boolean {
  return (
    bytes.length >= at + signature.length && bytes.toString('latin1', at, at + signature.length) === signature
  );
}

/**
 * Text in some encoding: no NUL byte, and few control characters other than tab, newline, carriage return and
 * form feed. Broken UTF-8 and Latin-1 still count as text.
 */
function looksLikeText(bytes: Buffer): boolean {
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return false;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control += 1;
  }
  return control <= bytes.length / 100;
}
