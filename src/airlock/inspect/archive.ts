import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { checkKind, type InspectionPolicy, type Rejection } from './file-kind.js';

/** Counted over the whole tree of nested archives, so nesting cannot multiply the limits. */
interface Budget {
  members: number;
  bytes: number;
  extracted: number;
}

/**
 * Checks a zip member by member, streaming: names, encryption, counts, sizes
 * (declared, then the bytes actually inflated, since bombs lie about sizes),
 * the compression ratio, and each member's type as if it had been uploaded on
 * its own; nested zips recursively up to `maxDepth`. `depth` is this zip's
 * own nesting level (0 for an upload). Members are extracted one at a time
 * into a temporary folder beside `path` — the quarantine, whose disk is sized
 * for uploads, where /tmp may be memory — and removed as soon as checked.
 */
export async function inspectZip(
  path: string,
  policy: InspectionPolicy,
  depth = 0,
): Promise<{ members: number; uncompressedBytes: number } | Rejection> {
  const budget: Budget = { members: 0, bytes: 0, extracted: 0 };
  const tempDir = await mkdtemp(join(dirname(path), '.inspect-'));
  try {
    const rejection = await inspectLevel(path, '', depth, { policy, budget, tempDir });
    return rejection ?? { members: budget.members, uncompressedBytes: budget.bytes };
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

interface Walk {
  policy: InspectionPolicy;
  budget: Budget;
  tempDir: string;
}

/** One archive of the tree; `prefix` locates its members for the user, e.g. `inner.zip/`. */
async function inspectLevel(
  path: string,
  prefix: string,
  depth: number,
  walk: Walk,
): Promise<Rejection | null> {
  const limits = walk.policy.archive;
  const maxLevelBytes = limits.maxCompressionRatio * (await stat(path)).size;
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false, // names are validated here, to reject rather than fail on unsafe ones
      validateEntrySizes: false, // sizes are counted here, to report a bomb as a bomb
    });
  } catch (error) {
    return corrupt(error, prefix);
  }
  try {
    if (walk.budget.members + zip.entryCount > limits.maxMembers) {
      const detail = `the archive has more than ${limits.maxMembers} files and folders`;
      return { reason: 'archive_too_many_members', detail, ...at(prefix) };
    }
    walk.budget.members += zip.entryCount;
    let levelDeclared = 0;
    let levelBytes = 0;
    for await (const entry of zip.eachEntry()) {
      const checked = checkEntry(entry, prefix);
      if ('reason' in checked) return checked;
      if (checked.name.endsWith('/')) continue;
      const member = prefix + checked.name;

      levelDeclared += entry.uncompressedSize;
      const overDeclared = overLimit(walk.budget.bytes + entry.uncompressedSize, levelDeclared);
      if (overDeclared) return { ...overDeclared, member };

      const extracted = join(walk.tempDir, String(++walk.budget.extracted));
      try {
        let memberBytes = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            memberBytes += chunk.length;
            levelBytes += chunk.length;
            walk.budget.bytes += chunk.length;
            const over = overLimit(walk.budget.bytes, levelBytes);
            done(over ? new Refused({ ...over, member }) : null, chunk);
          },
        });
        await pipeline(
          await zip.openReadStreamPromise(entry),
          meter,
          createWriteStream(extracted, { flags: 'wx', mode: 0o600 }),
        );
        if (memberBytes !== entry.uncompressedSize) {
          const detail = `the archive says this file has ${entry.uncompressedSize} bytes, but it has ${memberBytes}`;
          return { reason: 'archive_corrupt', detail, member };
        }
        const kind = await checkKind(extracted, checked.name, walk.policy);
        if ('reason' in kind) return { ...kind, member };
        if (kind.detected === 'zip') {
          if (depth + 1 > limits.maxDepth) {
            const detail = `archives may be nested at most ${limits.maxDepth} deep`;
            return { reason: 'archive_too_deep', detail, member };
          }
          const nested = await inspectLevel(extracted, `${member}/`, depth + 1, walk);
          if (nested) return nested;
        }
      } finally {
        await rm(extracted, { force: true });
      }
    }
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.rejection;
    return corrupt(error, prefix);
  } finally {
    zip.close();
  }

  function overLimit(totalBytes: number, bytesHere: number): Rejection | null {
    if (totalBytes > limits.maxUncompressedBytes) {
      const detail = `the archive unpacks to more than ${limits.maxUncompressedBytes} bytes`;
      return { reason: 'archive_too_large', detail };
    }
    if (bytesHere > maxLevelBytes) {
      const detail = `the archive unpacks to more than ${limits.maxCompressionRatio} times its size (a zip bomb?)`;
      return { reason: 'archive_bomb', detail };
    }
    return null;
  }
}

class Refused extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.detail);
  }
}

/** The member's name if it is safe to extract: a plain file or folder, not encrypted, inflatable. */
function checkEntry(entry: Entry, prefix: string): { name: string } | Rejection {
  // Extractors differ in whether they prefer the Info-ZIP Unicode path field: both names must be safe.
  const plain = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, [], true);
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  const member = prefix + printable(name);
  const unsafe = unsafeName(name) ?? unsafeName(plain);
  if (unsafe) return { reason: 'archive_unsafe_name', detail: unsafe, member };
  if (!isPlainFileOrFolder(entry)) {
    return {
      reason: 'archive_unsafe_name',
      detail: 'it is a link or special file, not a plain file',
      member,
    };
  }
  if (entry.isEncrypted()) {
    return { reason: 'archive_encrypted', detail: 'it is encrypted, so it cannot be checked', member };
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    const detail = `it is compressed with method ${entry.compressionMethod}, which cannot be unpacked here; use ordinary zip (deflate)`;
    return { reason: 'archive_corrupt', detail, member };
  }
  return { name };
}

function unsafeName(name: string): string | null {
  if (name === '') return 'a file in the archive has no name';
  if (/\p{Cc}/u.test(name)) return 'the name contains control characters';
  if (name.includes('\\')) return 'the name contains a backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'the name is an absolute path';
  if (name.split('/').includes('..')) return 'the name points outside the archive (..)';
  return null;
}

/** Unix file type bits, when the entry was made on Unix: a symlink would point out of the folder on extraction. */
function isPlainFileOrFolder(entry: Entry): boolean {
  if (entry.versionMadeBy >> 8 !== 3) return true;
  const type = (entry.externalFileAttributes >>> 16) & 0o170000;
  return type === 0 || type === 0o100000 || type === 0o040000;
}

function printable(name: string): string {
  return name.replace(/\p{Cc}/gu, '\uFFFD');
}

function at(prefix: string): { member?: string } {
  return prefix ? { member: prefix.slice(0, -1) } : {};
}

/** Anything yauzl or zlib cannot read is a broken archive; a failing disk is not, and is thrown. */
function corrupt(error: unknown, prefix: string): Rejection {
  if (!(error instanceof Error) || 'syscall' in error) throw error;
  return {
    reason: 'archive_corrupt',
    detail: `the archive cannot be read (${error.message})`,
    ...at(prefix),
  };
}
