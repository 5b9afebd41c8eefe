import type { Stats } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, extname, join, sep } from 'node:path';

export type UnsafePathReason =
  | 'empty'
  | 'too_long'
  | 'traversal'
  | 'absolute'
  | 'control_character'
  | 'reserved_name'
  | 'unportable_character'
  | 'trailing_dot_or_space'
  | 'outside_root'
  | 'symlink';

export class UnsafePathError extends Error {
  constructor(
    readonly reason: UnsafePathReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'UnsafePathError';
  }
}

const MAX_NAME_BYTES = 255;
// Controls (C0, DEL, C1); and the bidirectional overrides that make "photo\u202Egpj.exe" show as "photoexe.jpg",
// so that a reviewer sees the name a file really has.
const CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const CONTROLS = new RegExp(CONTROL.source, 'gu');
// Refused by Windows; and a lone surrogate cannot be stored as UTF-8 at all.
const UNPORTABLE = /[<>:"|?*]|\p{Cs}/u;
// Windows reserves these device names whatever the extension or case, including the superscript digits.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])( *\..*)?$/iu;

/** One file or folder name that is safe on every system a researcher may copy it to; NFC-normalised. */
export function checkFileName(name: string): string {
  const nfc = name.normalize('NFC');
  const quoted = legible(JSON.stringify(nfc));
  if (nfc === '') throw new UnsafePathError('empty', 'a file name cannot be empty');
  if (nfc === '.' || nfc === '..') throw new UnsafePathError('traversal', `${quoted} is not a file name`);
  if (nfc.startsWith('/') || nfc.startsWith('\\')) {
    throw new UnsafePathError('absolute', `${quoted} is an absolute path, not a file name`);
  }
  if (nfc.includes('/') || nfc.includes('\\')) {
    throw new UnsafePathError('traversal', `${quoted} contains a path separator`);
  }
  if (CONTROL.test(nfc)) {
    throw new UnsafePathError(
      'control_character',
      `${quoted} contains a control character or one that turns the text around`,
    );
  }
  if (UNPORTABLE.test(nfc)) {
    throw new UnsafePathError(
      'unportable_character',
      `${quoted} contains one of < > : " | ? * or invalid text`,
    );
  }
  if (RESERVED.test(nfc)) {
    throw new UnsafePathError('reserved_name', `${quoted} is a name reserved by Windows`);
  }
  if (nfc.endsWith('.') || nfc.endsWith(' ')) {
    throw new UnsafePathError('trailing_dot_or_space', `${quoted} ends with a dot or a space`);
  }
  if (Buffer.byteLength(nfc) > MAX_NAME_BYTES) {
    throw new UnsafePathError('too_long', `a file name is at most ${MAX_NAME_BYTES} bytes as UTF-8`);
  }
  return nfc;
}

/**
 * `text` with the characters a file name may not hold because they hide or reorder what a person
 * reads written as escapes (`\u202e`), so that a message shows where they are.
 */
export function legible(text: string): string {
  return text.replace(CONTROLS, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `root/segments…`, each segment a checked file name, where the path (or, if it does not exist yet,
 * its nearest existing ancestor) really is inside `root`: a symbolic link leading out of it
 * is refused ('outside_root'), and so is a dangling or looping one, which a create would follow ('symlink').
 * Links that stay inside are followed; the result is the real path.
 *
 * Checking is not holding: a folder that someone else may write can change after this returns,
 * so pass the narrowest root (a user's InBox rather than the vault) and create files with 'wx'.
 */
export async function resolveInside(root: string, ...segments: string[]): Promise<string> {
  const realRoot = await realpath(root);
  const names = segments.map(checkFileName);
  const missing: string[] = [];
  let existing = join(realRoot, ...names);
  for (;;) {
    try {
      existing = await realpath(existing);
      break;
    } catch (error) {
      if (isErrorCode(error, 'ELOOP')) {
        throw new UnsafePathError('symlink', `${existing} runs through looping links`);
      }
      if (!isErrorCode(error, 'ENOENT')) throw error;
      if ((await lstatOrNull(existing))?.isSymbolicLink()) {
        throw new UnsafePathError('symlink', `${existing} is a symbolic link that leads nowhere`);
      }
      missing.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
  if (existing !== realRoot && !existing.startsWith(realRoot + sep)) {
    throw new UnsafePathError(
      'outside_root',
      `${join(root, ...names)} leads to ${existing}, outside ${root}`,
    );
  }
  return join(existing, ...missing);
}

/**
 * `name` if nothing in `dir` has it yet, otherwise "data (2).csv", "data (3).csv"…, so both files are kept.
 * Another writer may take the name in between: create with 'wx' and ask again on EEXIST.
 */
export async function uniqueName(dir: string, name: string): Promise<string> {
  const checked = checkFileName(name);
  if ((await lstatOrNull(join(dir, checked))) === null) return checked;
  // extname keeps dotfiles whole: ".Rprofile" has no extension.
  const extension = extname(checked);
  const numbered = /(.*) \((\d+)\)$/u.exec(checked.slice(0, checked.length - extension.length));
  const stem = numbered?.[1] ?? checked.slice(0, checked.length - extension.length);
  for (let n = Number(numbered?.[2] ?? 1) + 1; n < 100_000; n++) {
    const suffix = ` (${n})${extension}`;
    const candidate = checkFileName(fitBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(suffix)) + suffix);
    if ((await lstatOrNull(join(dir, candidate))) === null) return candidate;
  }
  throw new Error(`no free name like ${JSON.stringify(checked)} in ${dir}`);
}

/** `text` cut to at most `bytes` of UTF-8, whole characters only. */
function fitBytes(text: string, bytes: number): string {
  const characters = Array.from(text);
  while (Buffer.byteLength(characters.join('')) > bytes) characters.pop();
  return characters.join('');
}

/** What has this path, a dangling symbolic link included (not what a link leads to), or null if nothing. */
async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
}

export function isErrorCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}
