import { writeSync } from 'node:fs';

/**
 * Crash points: named places where a test makes the process die at once, as a power cut or the kernel's
 * OOM killer would (SIGKILL: no handler, no `finally`, no flush), to prove that a restart finds nothing
 * half-done. A test facility, off unless `crashAt` (`MONA_CRASH_AT`) names a point; refused in production.
 *
 * A module adds a point by naming it here, with what has happened and what has not when the process dies
 * there, and calling `crashPoint('<name>')` at that place. docs/operations.md says what a restart finds
 * after each (a test holds it to this list).
 */
export const CRASH_POINTS = {
  'upload.streaming': "an upload's first bytes are in quarantine/<id>.part, more are on the way",
  'upload.after-quarantine': 'an upload is whole in the quarantine, not yet recorded',
  'delivery.after-link': 'a delivery is linked into the InBox, the upload not yet marked delivered',
  'desktop.start': "the host runs a new desktop, the platform's session row still says starting",
  'rdp.grant': "an RDP file's grant is written in its transaction, which has not committed",
  'job.claimed': 'a worker has claimed a job, and not yet begun it',
} as const;

export type CrashPointName = keyof typeof CRASH_POINTS;

export const CRASH_POINT_NAMES = Object.keys(CRASH_POINTS) as [CrashPointName, ...CrashPointName[]];

let armed: CrashPointName | null = null;

/** Set once at start-up, from the validated configuration. */
export function armCrashPoint(name: CrashPointName | null): void {
  armed = name;
}

/** Dies here, by SIGKILL, when this is the armed point; otherwise one comparison. */
export function crashPoint(name: CrashPointName): void {
  if (armed !== name) return;
  // Synchronous, so that the line is out before the process is gone.
  writeSync(2, `mona: crash point ${name} reached (crashAt): killing this process\n`);
  process.kill(process.pid, 'SIGKILL');
}
