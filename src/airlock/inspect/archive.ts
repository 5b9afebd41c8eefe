import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { checkFileName, legible, UnsafePathError } from '../../storage/safe-path.js';
import { CLAMSCAN_MAX_FILE_BYTES } from './clamav.js';
import { checkKind, type InspectionPolicy, type Rejection } from './file-kind.js';

/**
 * Checks a zip member by member, streaming: names, encryption, counts, sizes
 * (declared, then the bytes actually inflated, since bombs lie about sizes),
 * the compression ratio, and each member's type as if it had been uploaded on
 * its own; zips within recursively up to `maxDepth` (`depth` is this zip's own
 * level, 0 for an upload), Office files within as by `inspectPackage`.
 */
export async function inspectZip(
  path: string,
  policy: InspectionPolicy,
  depth = 0,
): Promise<{ members: number; uncompressedBytes: number } | Rejection> {
  return inspectTree(path, policy, { typed: true, depth, nesting: 0 });
}

/**
 * An Office Open XML file (docx, xlsx) is a zip too, and clamscan reads only
 * the first 2 GiB of any zip member, silently (measured, --alert-exceeds-max
 * notwithstanding): the same limits apply to its parts, and to packages
 * embedded in it (a chart's workbook in a document), but not the type list,
 * and `maxMembers` counts each package's parts on their own (`members`, the
 * user's files, is then 0).
 */
export async function inspectPackage(
  path: string,
  policy: InspectionPolicy,
): Promise<{ members: number; uncompressedBytes: number } | Rejection> {
  return inspectTree(path, policy, { typed: false, depth: 0, nesting: 0 });
}

/** Whether the file begins with a zip's local file header, as docx and xlsx do. */
export async function isZipFile(path: string): Promise<boolean> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.equals(ZIP_MAGIC);
  } finally {
    await file.close();
  }
}

const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');
/** Beyond clamscan's own recursion limit (17) nothing could be scanned anyway. */
const MAX_NESTING = 16;

interface Level {
  /** Members are the user's files, typed like uploads; else parts of a package. */
  typed: boolean;
  /** Zips within zips, as `maxDepth` counts them. */
  depth: number;
  /** Every level, packages included, to bound the recursion. */
  nesting: number;
}

/** One inspection; its counts span the whole tree, so nesting cannot multiply the limits. */
interface Walk {
  policy: InspectionPolicy;
  tempDir: string;
  members: number;
  bytes: number;
  extracted: number;
}

/**
 * Members are extracted one at a time into a temporary folder beside `path`
 * (the quarantine, on a disk sized for uploads, where /tmp may be memory),
 * and removed as soon as they are checked.
 */
async function inspectTree(path: string, policy: InspectionPolicy, level: Level) {
  const tempDir = await mkdtemp(join(dirname(path), '.inspect-'));
  const walk: Walk = { policy, tempDir, members: 0, bytes: 0, extracted: 0 };
  try {
    const rejection = await inspectLevel(path, '', level, walk);
    return rejection ?? { members: walk.members, uncompressedBytes: walk.bytes };
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

/** One zip of the tree; `prefix` locates its members for the user, e.g. `inner.zip/`. */
async function inspectLevel(
  path: string,
  prefix: string,
  level: Level,
  walk: Walk,
): Promise<Rejection | null> {
  const limits = walk.policy.archive;
  const maxLevelBytes = limits.maxCompressionRatio * (await stat(path)).size;
  let levelBytes = 0;
  const overLimit = (bytes: number, bytesHere: number, memberBytes: number): Rejection | null => {
    if (memberBytes > CLAMSCAN_MAX_FILE_BYTES) {
      const detail = `it unpacks to more than ${CLAMSCAN_MAX_FILE_BYTES} bytes, more than the virus scanner can check`;
      return { reason: 'archive_too_large', detail };
    }
    if (bytes > limits.maxUncompressedBytes) {
      return {
        reason: 'archive_too_large',
        detail: `it unpacks to more than ${limits.maxUncompressedBytes} bytes`,
      };
    }
    if (bytesHere > maxLevelBytes) {
      const detail = `it unpacks to more than ${limits.maxCompressionRatio} times its size (a zip bomb?)`;
      return { reason: 'archive_bomb', detail };
    }
    return null;
  };

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
    const counted = level.typed ? walk.members + zip.entryCount : zip.entryCount;
    if (counted > limits.maxMembers) {
      const detail = `it holds more than ${limits.maxMembers} files and folders`;
      return { reason: 'archive_too_many_members', detail, ...at(prefix) };
    }
    if (level.typed) walk.members = counted;
    let levelDeclared = 0;
    for await (const entry of zip.eachEntry()) {
      const checked = checkEntry(entry, prefix, level);
      if ('reason' in checked) return checked;
      if (checked.name.endsWith('/')) continue;
      const member = prefix + checked.name;

      const declared = entry.uncompressedSize;
      levelDeclared += declared;
      const overDeclared = overLimit(walk.bytes + declared, levelDeclared, declared);
      if (overDeclared) return { ...overDeclared, member };

      const extracted = join(walk.tempDir, String(++walk.extracted));
      try {
        let memberBytes = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            memberBytes += chunk.length;
            levelBytes += chunk.length;
            walk.bytes += chunk.length;
            const over = overLimit(walk.bytes, levelBytes, memberBytes);
            done(over ? new Refused({ ...over, member }) : null, chunk);
          },
        });
        const target = createWriteStream(extracted, { flags: 'wx', mode: 0o600 });
        await pipeline(await zip.openReadStreamPromise(entry), meter, target);
        if (memberBytes !== declared) {
          const detail = `the archive says it has ${declared} bytes, but it has ${memberBytes}`;
          return { reason: 'archive_corrupt', detail, member };
        }
        const rejection = await inspectMember(extracted, checked.name, member, level, walk);
        if (rejection) return rejection;
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
}

/** A member's type if it is the user's file, then what is inside it if it is a zip of any kind. */
async function inspectMember(
  extracted: string,
  name: string,
  member: string,
  level: Level,
  walk: Walk,
): Promise<Rejection | null> {
  let typedZip = false;
  if (level.typed) {
    const kind = await checkKind(extracted, name, walk.policy);
    if ('reason' in kind) return { ...kind, member };
    typedZip = kind.detected === 'zip';
  }
  if (!(await isZipFile(extracted))) return null;
  const next: Level = {
    typed: typedZip,
    depth: typedZip ? level.depth + 1 : level.depth,
    nesting: level.nesting + 1,
  };
  if (next.depth > walk.policy.archive.maxDepth) {
    const detail = `archives may be nested at most ${walk.policy.archive.maxDepth} deep`;
    return { reason: 'archive_too_deep', detail, member };
  }
  if (next.nesting > MAX_NESTING) {
    return { reason: 'archive_too_deep', detail: `it is nested more than ${MAX_NESTING} deep`, member };
  }
  return inspectLevel(extracted, `${member}/`, next, walk);
}

class Refused extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.detail);
  }
}

/**
 * The member's name if it is safe to extract: a plain file or folder, not encrypted, inflatable; the
 * user's files and folders, which the researcher will unpack, named as an upload may be named.
 */
function checkEntry(entry: Entry, prefix: string, level: Level): { name: string } | Rejection {
  // Extractors differ in whether they prefer the Info-ZIP Unicode path field: both names must be safe.
  const plain = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, [], true);
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  const member = prefix + legible(name);
  const unsafe =
    unsafeName(name) ??
    unsafeName(plain) ??
    (level.typed ? (unportableName(name) ?? unportableName(plain)) : null);
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

/** What the upload's own name check says of the first segment of the path it refuses. */
function unportableName(name: string): string | null {
  const segments = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/');
  for (const segment of segments) {
    try {
      checkFileName(segment);
    } catch (error) {
      if (error instanceof UnsafePathError) return error.message;
      throw error;
    }
  }
  return null;
}

/** Unix file type bits, when the entry was made on Unix: a symlink would point out of the folder on extraction. */
function isPlainFileOrFolder(entry: Entry): boolean {
  if (entry.versionMadeBy >> 8 !== 3) return true;
  const type = (entry.externalFileAttributes >>> 16) & 0o170000;
  return type === 0 || type === 0o100000 || type === 0o040000;
}

function at(prefix: string): { member?: string } {
  return prefix ? { member: prefix.slice(0, -1) } : {};
}

/** Anything yauzl or zlib cannot read is a broken archive; a failing disk is not, and is thrown. */
function corrupt(error: unknown, prefix: string): Rejection {
  if (!(error instanceof Error) || 'syscall' in error) throw error;
  return {
    reason: 'archive_corrupt',
    detail: `it cannot be read as a zip (${error.message})`,
    ...at(prefix),
  };
}
