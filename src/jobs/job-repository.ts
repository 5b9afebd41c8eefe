import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';

// The SQL over `jobs`. Each function takes the Db or the caller's transaction.

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  /** How often it has been claimed, this claim included: also what tells this claim from a later one. */
  attempts: number;
}

/** Adds work, in the caller's transaction, so it exists exactly when the change that needs it does. */
export async function enqueue(
  db: Kysely<Database>,
  kind: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({ kind, payload: JSON.stringify(payload) })
    .execute();
}

/**
 * Claims the oldest ready job of the given kinds for `lockSeconds`. Any number
 * of workers may claim at once (SKIP LOCKED); a worker that dies leaves its job
 * to be claimed again when the lock runs out.
 */
export async function claimJob(db: Db, kinds: readonly string[], lockSeconds: number): Promise<Job | null> {
  const result = await sql<{ id: number; kind: string; payload: Record<string, unknown>; attempts: number }>`
    UPDATE jobs SET locked_until = now() + make_interval(secs => ${lockSeconds}), attempts = attempts + 1
    WHERE id = (
      SELECT id FROM jobs
      WHERE done_at IS NULL AND run_after <= now() AND kind = ANY(${kinds as string[]})
        AND (locked_until IS NULL OR locked_until < now())
      ORDER BY id
      FOR UPDATE SKIP LOCKED
      LIMIT 1
    )
    RETURNING id, kind, payload, attempts`.execute(db);
  return result.rows[0] ?? null;
}

/** This claim of the job, and no later one. */
function ours(db: Kysely<Database>, job: Pick<Job, 'id' | 'attempts'>) {
  return db.updateTable('jobs').where('id', '=', job.id).where('attempts', '=', job.attempts);
}

/**
 * Keeps a running job's claim for another `lockSeconds`; false when the claim was lost (the lock ran out
 * and another worker claimed the job), so that the caller knows.
 */
export async function renewClaim(db: Db, job: Job, lockSeconds: number): Promise<boolean> {
  const result = await ours(db, job)
    .set({ locked_until: sql<Date>`now() + make_interval(secs => ${lockSeconds})` })
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function completeJob(db: Kysely<Database>, job: Pick<Job, 'id' | 'attempts'>): Promise<void> {
  await ours(db, job).set({ done_at: new Date(), locked_until: null }).execute();
}

/** Records the failure and tries again later, backing off; after `maxAttempts` the job is given up. */
export async function failJob(
  db: Db,
  job: Job,
  error: unknown,
  maxAttempts: number,
): Promise<'retry' | 'given_up'> {
  const message = error instanceof Error ? error.message : String(error);
  const givenUp = job.attempts >= maxAttempts;
  await ours(db, job)
    .set({
      last_error: message.slice(0, 2000),
      locked_until: null,
      run_after: new Date(Date.now() + Math.min(300, 2 ** job.attempts) * 1000),
      ...(givenUp ? { done_at: new Date() } : {}),
    })
    .execute();
  return givenUp ? 'given_up' : 'retry';
}

/** Frees every job a worker had claimed: after a restore no worker of the backup's time is left to finish it. */
export async function releaseJobLeases(db: Kysely<Database>): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: null })
    .where('done_at', 'is', null)
    .where('locked_until', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
