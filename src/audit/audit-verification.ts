import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { readAuditChain } from './audit-repository.js';
import { GENESIS_HASH, hashEvent } from './chain.js';
import { checkpointSignatureProblem } from './checkpoint.js';
import type { CheckpointLine } from './checkpoint-file.js';

/** The checkpoints to hold the chain to, and the key they must be signed with. */
export interface CheckpointsToCheck {
  lines: CheckpointLine[];
  publicKey: KeyObject;
}

export type ChainVerdict =
  | { ok: true; events: number; head: string; checkpoints: number }
  | { ok: false; events: number; brokenAt: number; reason: string }
  | { ok: false; events: number; checkpoint: { line: number; seq?: number; at?: string }; reason: string };

/**
 * Walks the whole log; the first event whose hash or link does not hold is named. Then every checkpoint
 * must be signed with the key and name an event the chain still has, with the hash it had: a chain
 * rewritten (hashes recomputed) or cut short after a checkpoint fails here, naming the checkpoint.
 */
export async function verifyAuditChain(
  db: Db,
  checkpoints: CheckpointsToCheck | null = null,
): Promise<ChainVerdict> {
  const wanted = new Set(
    checkpoints?.lines.flatMap((entry) => ('checkpoint' in entry ? [entry.checkpoint.seq] : [])),
  );
  const seen = new Map<number, string>();
  let previous = { seq: 0, hash: GENESIS_HASH };
  let events = 0;
  for await (const row of readAuditChain(db)) {
    events += 1;
    if (row.prevHash !== previous.hash) {
      return {
        ok: false,
        events,
        brokenAt: row.seq,
        reason:
          previous.seq === 0
            ? 'it does not link to the start of the log: events before it were deleted'
            : `it does not link to event ${previous.seq} before it: an event between them was deleted, or events were reordered`,
      };
    }
    if (hashEvent(row) !== row.hash) {
      return {
        ok: false,
        events,
        brokenAt: row.seq,
        reason: 'its contents do not match its hash: it was edited',
      };
    }
    if (wanted.has(row.seq)) seen.set(row.seq, row.hash);
    previous = row;
  }
  if (checkpoints) {
    for (const entry of checkpoints.lines) {
      const problem = checkpointProblem(entry, checkpoints.publicKey, seen, previous.seq);
      if (problem) return { ok: false, events, ...problem };
    }
  }
  return { ok: true, events, head: previous.hash, checkpoints: checkpoints?.lines.length ?? 0 };
}

function checkpointProblem(
  entry: CheckpointLine,
  publicKey: KeyObject,
  seen: ReadonlyMap<number, string>,
  lastSeq: number,
): { checkpoint: { line: number; seq?: number; at?: string }; reason: string } | null {
  if (!('checkpoint' in entry)) {
    return { checkpoint: { line: entry.line }, reason: 'it is not a checkpoint' };
  }
  const { seq, hash, at } = entry.checkpoint;
  const named = { line: entry.line, seq, at };
  const unsigned = checkpointSignatureProblem(entry.checkpoint, publicKey);
  if (unsigned) return { checkpoint: named, reason: unsigned };
  const found = seen.get(seq);
  if (found === undefined) {
    return {
      checkpoint: named,
      reason:
        seq > lastSeq
          ? `the log ends at event ${lastSeq}, before event ${seq} it signed: the newest events were cut off`
          : `event ${seq} it signed is not in the log: the log was rewritten`,
    };
  }
  return found === hash
    ? null
    : { checkpoint: named, reason: `event ${seq} no longer has the hash it signed: the log was rewritten` };
}
