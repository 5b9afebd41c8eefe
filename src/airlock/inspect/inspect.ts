import { stat } from 'node:fs/promises';
import { inspectPackage, inspectZip, isZipFile } from './archive.js';
import { type ClamAvSettings, scanFile } from './clamav.js';
import { checkKind, type InspectionPolicy, type Rejection } from './file-kind.js';

/**
 * The whole check of one quarantined upload, cheapest first: empty, type
 * (from the bytes, against the name and the allowed list), what is inside a
 * zip or Office file, and last, always, the virus scan. I/O failures are
 * thrown, not rejections.
 */
export async function inspectUpload(
  path: string,
  name: string,
  policy: InspectionPolicy,
  clamav: ClamAvSettings,
): Promise<{ ok: true; detected: string } | ({ ok: false } & Rejection)> {
  if ((await stat(path)).size === 0) return { ok: false, reason: 'empty', detail: 'the file is empty' };
  const kind = await checkKind(path, name, policy);
  if ('reason' in kind) return { ok: false, ...kind };
  // docx and xlsx are zips as well, and need the same size limits (see inspectPackage).
  if (kind.detected === 'zip' || (await isZipFile(path))) {
    const archive =
      kind.detected === 'zip' ? await inspectZip(path, policy) : await inspectPackage(path, policy);
    if ('reason' in archive) return { ok: false, ...archive };
  }
  const scan = await scanFile(path, clamav);
  if ('error' in scan) return { ok: false, reason: 'scan_failed', detail: scan.error };
  if (scan.clean) return { ok: true, detected: kind.detected };
  // --alert-encrypted reports what cannot be looked into (a password-protected zip or PDF) as a find.
  if (scan.signature.startsWith('Heuristics.Encrypted.')) {
    const detail = 'the file is encrypted (password-protected), so it cannot be checked for viruses';
    return { ok: false, reason: 'archive_encrypted', detail };
  }
  return { ok: false, reason: 'infected', detail: `the virus scanner found ${scan.signature}` };
}
