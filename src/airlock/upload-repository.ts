import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { AirlockTables } from './airlock-tables.js';
import type { UploadState } from './upload-contract.js';

// The SQL over `uploads`. Each function takes the Db or the caller's transaction.

export async function insertUpload(db: Db, upload: Insertable<AirlockTables['uploads']>) {
  return db.insertInto('uploads').values(upload).returningAll().executeTakeFirstOrThrow();
}

/** What the worker needs of an upload to take its next step. */
export async function findUploadForWork(db: Db, id: string) {
  return db
    .selectFrom('uploads')
    .select(['id', 'state', 'original_name', 'bytes', 'project_id', 'user_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Moves an upload from one of the `from` states; returns its owner and
 * project, or undefined when it was in none of them (a step done already).
 */
export async function moveUpload(
  db: Db,
  id: string,
  from: readonly UploadState[],
  to: {
    state: UploadState;
    updatedAt: Date;
    reason?: string;
    detail?: string;
    deliveredName?: string;
    detectedType?: string;
  },
) {
  return db
    .updateTable('uploads')
    .set({
      state: to.state,
      updated_at: to.updatedAt,
      ...(to.reason ? { reason: to.reason, reason_detail: to.detail ?? null } : {}),
      ...(to.deliveredName ? { delivered_name: to.deliveredName } : {}),
      ...(to.detectedType ? { detected_type: to.detectedType } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', [...from])
    .returning(['user_id', 'project_id'])
    .executeTakeFirst();
}

/**
 * The uploads still in the airlock, each locked against change until the caller's transaction ends: a backup
 * holds them so that the worker cannot move one on, and remove its quarantined file, while it is copied.
 */
export async function lockUploadsInAirlock(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('uploads')
    .select('id')
    .where('state', 'in', ['received', 'checking', 'in_review', 'approved'])
    .orderBy('id')
    .forShare()
    .execute();
  return rows.map((row) => row.id);
}

/** The state of each of these uploads that exists. */
export async function uploadStates(db: Db, ids: string[]): Promise<Map<string, UploadState>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('uploads').select(['id', 'state']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.state]));
}

export async function setDetectedType(db: Db, id: string, detectedType: string): Promise<void> {
  await db.updateTable('uploads').set({ detected_type: detectedType }).where('id', '=', id).execute();
}

/** The user's latest uploads, newest first. */
export async function uploadsOf(db: Db, userId: string) {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('received_at', 'desc')
    .limit(200)
    .execute();
}

/** Uploads waiting for a reviewer, oldest first. */
export async function uploadsInReview(db: Db) {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('state', '=', 'in_review')
    .orderBy('received_at')
    .execute();
}

export async function findUploadInReview(db: Db, id: string) {
  return db
    .selectFrom('uploads')
    .select(['id', 'original_name', 'project_id', 'user_id'])
    .where('id', '=', id)
    .where('state', '=', 'in_review')
    .executeTakeFirst();
}
