import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { fileTypeFromFile } from 'file-type';
import { TEXT_TYPES } from '../upload-types.js';

export interface InspectionPolicy {
  allowedTypes: readonly string[];
  archive: {
    maxDepth: number;
    maxMembers: number;
    maxUncompressedBytes: number;
    maxCompressionRatio: number;
  };
}

export type Rejection = {
  reason:
    | 'empty'
    | 'type_not_allowed'
    | 'type_mismatch'
    | 'not_text'
    | 'archive_too_deep'
    | 'archive_too_many_members'
    | 'archive_too_large'
    | 'archive_bomb'
    | 'archive_unsafe_name'
    | 'archive_encrypted'
    | 'archive_corrupt'
    | 'infected'
    | 'scan_failed';
  /** For the user; the caller prefixes `member` when there is one. */
  detail: string;
  /** The offending member of an archive, as a path inside it. */
  member?: string;
};

const TEXT_KINDS: ReadonlySet<string> = new Set(TEXT_TYPES);

/** Extensions naming the same content as file-type's own extension. */
const ALIASES: Readonly<Record<string, string>> = { jpeg: 'jpg' };

function extensionOf(name: string): string | null {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : null;
}

/**
 * What the bytes are, checked against what the name says. Binary formats are
 * recognised by file-type; text kinds must be text throughout. Whether the
 * kind is allowed is the caller's question (see `checkKind`).
 */
export async function detectKind(
  path: string,
  name: string,
): Promise<{ extension: string; detected: string } | Rejection> {
  const extension = extensionOf(name);
  if (!extension) return { reason: 'type_not_allowed', detail: 'the file name has no extension' };
  const found = await fileTypeFromFile(path);
  if (TEXT_KINDS.has(extension)) {
    // Text first: short magic numbers ("BM" for BMP, "MZ", "%!") also begin ordinary text such as "BMI,age".
    const notText = await whyNotText(path);
    if (!notText) return { extension, detected: extension };
    // A UTF-16 BOM looks like MPEG audio to file-type; the encoding is the truer story.
    if (found && notText !== UTF16) return mismatch(extension, found);
    return { reason: 'not_text', detail: `a .${extension} file must be text, but this one ${notText}` };
  }
  if (found && (found.ext === extension || found.ext === ALIASES[extension])) {
    return { extension, detected: found.ext };
  }
  if (found) return mismatch(extension, found);
  return {
    reason: 'type_mismatch',
    detail: `the file is named .${extension} but its content is not that format`,
  };
}

/** `detectKind`, plus the policy's list of allowed types. */
export async function checkKind(
  path: string,
  name: string,
  policy: InspectionPolicy,
): Promise<{ extension: string; detected: string } | Rejection> {
  const extension = extensionOf(name);
  if (extension && !policy.allowedTypes.includes(extension)) {
    return { reason: 'type_not_allowed', detail: `.${extension} files are not accepted` };
  }
  return detectKind(path, name);
}

function mismatch(extension: string, found: { ext: string; mime: string }): Rejection {
  const content = `${found.ext.toUpperCase()} (${found.mime})`;
  return { reason: 'type_mismatch', detail: `the file is named .${extension} but its content is ${content}` };
}

/**
 * Text is UTF-8 (a BOM allowed) with no NUL, or else Windows-1252 — the
 * "ANSI" of Excel, SAS and SPSS on Windows, and a superset of Latin-1's
 * printable characters — with no control characters but tab, LF and CR, and
 * none of the five bytes it leaves undefined. UTF-16 is refused: it is full
 * of NULs, and one rule for NUL keeps binary out. Reads 64 KiB at a time.
 */
async function whyNotText(path: string): Promise<string | null> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = true;
  let isWindows1252 = true;
  let first = true;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    if (first && [UTF16_LE, UTF16_BE].some((bom) => bytes.subarray(0, 2).equals(bom))) {
      return UTF16;
    }
    first = false;
    if (bytes.includes(0)) return 'contains binary data (NUL bytes)';
    if (isUtf8) isUtf8 = decodes(utf8, bytes);
    if (isWindows1252) isWindows1252 = !NOT_WINDOWS_1252.test(bytes.toString('latin1'));
    if (!isUtf8 && !isWindows1252) return 'contains binary data or an unknown encoding (use UTF-8)';
  }
  if (isUtf8) isUtf8 = decodes(utf8);
  return isUtf8 || isWindows1252 ? null : 'ends in the middle of a UTF-8 character';
}

const UTF16 = 'is UTF-16; save it as UTF-8';
const UTF16_LE = Buffer.from([0xff, 0xfe]);
const UTF16_BE = Buffer.from([0xfe, 0xff]);

function decodes(decoder: TextDecoder, bytes?: Buffer): boolean {
  try {
    if (bytes) decoder.decode(bytes, { stream: true });
    else decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** Bytes that never occur in Windows-1252 text (read as Latin-1, one character per byte). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const NOT_WINDOWS_1252 = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x81\x8d\x8f\x90\x9d]/;
