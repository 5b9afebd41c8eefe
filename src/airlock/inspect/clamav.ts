import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';

export interface ClamAvSettings {
  command: string;
  /** A signature file or folder; null: ClamAV's own database. */
  databasePath: string | null;
  /**
   * The upload limit; scans must cover files this large. clamscan is always
   * given its own ceilings (see below), which cover any limit up to
   * CLAMSCAN_MAX_FILE_BYTES; a larger file is refused, never passed unscanned.
   */
  maxBytes: number;
  timeoutMs?: number;
}

export type ScanResult = { clean: true } | { clean: false; signature: string } | { error: string };

/** The standard EICAR test file: harmless, detected by every scanner. Split, so this source file is not. */
export const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR', '-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/** An .ndb signature (Name:TargetType:Offset:HexSignature) finding EICAR anywhere in any file. */
export function eicarSignatureFile(): string {
  return `Eicar-Test-Signature:0:*:${Buffer.from(EICAR, 'latin1').toString('hex')}\n`;
}

/**
 * Measured on clamscan 1.4.6: 2 147 483 645 bytes is the largest file it
 * scans (larger ones are skipped, OK without --alert-exceeds-max), and
 * --max-filesize above 2^31 - 1 only prints a warning. A zip member beyond
 * --max-filesize is worse: scanned only up to it, silently even with
 * --alert-exceeds-max, so archive.ts refuses such members itself.
 */
export const CLAMSCAN_MAX_FILE_BYTES = 2_147_483_645;
const MAX_FILESIZE = 2 ** 31 - 1;
/**
 * --max-scansize bounds everything scanned in one file, a zip's unpacked
 * members included, and unlike --max-filesize takes 64-bit values: 1 TiB, the
 * config's ceiling for uploads and archive contents, leaves the archive limits
 * checked before the scan and the timeout as the real bounds.
 */
const MAX_SCANSIZE = 1024 ** 4;
/**
 * Files in one container: the default 10 000 would fail a zip of some
 * hundred Office files (each a zip of parts); archive.ts, run first, bounds them.
 */
const MAX_FILES = 1_000_000;
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const LIMIT_ALERT = 'Heuristics.Limits.Exceeded.';

/** Scans one file; anything short of a complete scan is an error, never clean. */
export async function scanFile(path: string, settings: ClamAvSettings): Promise<ScanResult> {
  const { size } = await stat(path);
  if (size > CLAMSCAN_MAX_FILE_BYTES) {
    return { error: `the virus scanner cannot scan files over ${CLAMSCAN_MAX_FILE_BYTES} bytes` };
  }
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const run = await runClamscan(
    settings.command,
    clamscanArgs(path, settings.databasePath, timeoutMs),
    timeoutMs,
  );
  if ('error' in run) return run;
  if (run.code === 0) return { clean: true };
  const found = run.code === 1 ? foundSignature(run.stdout, path) : null;
  if (found?.startsWith(LIMIT_ALERT)) {
    return { error: `the virus scanner could not scan all of the file (${found.slice(LIMIT_ALERT.length)})` };
  }
  if (found) return { clean: false, signature: found };
  return { error: `clamscan exited with ${run.code}: ${lastLine(run.stderr || run.stdout)}` };
}

export function clamscanArgs(path: string, databasePath: string | null, timeoutMs: number): string[] {
  return [
    '--no-summary',
    '--infected',
    '--stdout',
    `--max-filesize=${MAX_FILESIZE}`,
    `--max-scansize=${MAX_SCANSIZE}`,
    `--max-files=${MAX_FILES}`,
    // Its own time limit would otherwise cut in first (2 minutes by default): ours applies.
    `--max-scantime=${timeoutMs}`,
    // Whatever exceeds a limit is reported as found, not skipped as clean.
    '--alert-exceeds-max=yes',
    '--alert-encrypted=yes',
    ...(databasePath ? [`--database=${databasePath}`] : []),
    '--',
    path,
  ];
}

/** With --infected and one file, the only lines on stdout are `<path>: <signature> FOUND`. */
function foundSignature(stdout: string, path: string): string | null {
  const line = stdout.split('\n').find((l) => l.startsWith(`${path}: `) && l.endsWith(' FOUND'));
  return line ? line.slice(path.length + 2, -' FOUND'.length) : null;
}

function lastLine(output: string): string {
  return output.trim().split('\n').at(-1) ?? '';
}

type Run = { code: number; stdout: string; stderr: string } | { error: string };

const MAX_OUTPUT = 64 * 1024;

function runClamscan(command: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += text;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ error: `could not run ${command}: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve({ error: `the virus scan took longer than ${timeoutMs / 1000} s` });
      else if (code === null) resolve({ error: `clamscan was stopped by ${signal}` });
      else resolve({ code, stdout, stderr });
    });
  });
}
