import type { Insertable, Transaction } from 'kysely';
import type { DesktopSoftware } from '../agent-api/desktop-spec.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { SoftwareTables } from './software-tables.js';

// The SQL over `software`, `project_software` and `licence_leases`. Each function takes the Db or the
// caller's transaction; those that lock need the transaction.

type Trx = Transaction<Database>;

/** A program with this id or this name, if there is one. */
export async function softwareWithIdOrName(db: Db, id: string, name: string) {
  return db
    .selectFrom('software')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', id), eb('name', '=', name)]))
    .executeTakeFirst();
}

export async function softwareExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('software').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function insertSoftware(
  db: Db,
  software: Insertable<SoftwareTables['software']>,
): Promise<void> {
  await db.insertInto('software').values(software).execute();
}

/** The row, locked as a checkout locks it, so that seats and removal never race with one. */
export async function lockSoftware(trx: Trx, id: string) {
  return trx
    .selectFrom('software')
    .select(['name', 'seats'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The row, share-locked: waits for a removal under way, and then sees the program gone. */
export async function shareLockSoftware(trx: Trx, id: string) {
  return trx.selectFrom('software').select('name').where('id', '=', id).forKeyShare().executeTakeFirst();
}

export async function setSeats(db: Db, id: string, seats: number | null): Promise<void> {
  await db.updateTable('software').set({ seats }).where('id', '=', id).execute();
}

export async function deleteSoftware(db: Db, id: string): Promise<void> {
  await db.deleteFrom('software').where('id', '=', id).execute();
}

/** The whole catalogue by name, with the seats in use of each program. */
export async function softwareWithSeatsInUse(db: Db) {
  return db
    .selectFrom('software')
    .select((eb) => [
      'id',
      'name',
      'description',
      'description_sv',
      'command',
      'seats',
      'listed',
      eb
        .selectFrom('licence_leases')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('licence_leases.software_id', '=', 'software.id')
        .where('licence_leases.returned_at', 'is', null)
        .as('in_use'),
    ])
    .orderBy('name')
    .execute();
}

/** R19: the listed programs by name, without how they are started. */
export async function listedSoftware(db: Db) {
  return db
    .selectFrom('software')
    .select(['id', 'name', 'description', 'description_sv', 'seats'])
    .where('listed', '=', true)
    .orderBy('name')
    .execute();
}

/** Every grant, by project. */
export async function allGrants(db: Db) {
  return db.selectFrom('project_software').selectAll().orderBy('project_id').execute();
}

/** The projects the program is granted to, in order. */
export async function projectsGranted(db: Db, softwareId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_software')
    .select('project_id')
    .where('software_id', '=', softwareId)
    .orderBy('project_id')
    .execute();
  return rows.map((row) => row.project_id);
}

/** Returns false when the project had the program already. */
export async function insertGrant(db: Db, projectId: string, softwareId: string): Promise<boolean> {
  const granted = await db
    .insertInto('project_software')
    .values({ project_id: projectId, software_id: softwareId })
    .onConflict((oc) => oc.doNothing())
    .returning('software_id')
    .executeTakeFirst();
  return granted !== undefined;
}

/** Returns whether the project had the program. */
export async function deleteGrant(db: Db, projectId: string, softwareId: string): Promise<boolean> {
  const revoked = await db
    .deleteFrom('project_software')
    .where('project_id', '=', projectId)
    .where('software_id', '=', softwareId)
    .executeTakeFirst();
  return revoked.numDeletedRows === 1n;
}

/** The programs granted to any of these projects, by name. */
export async function softwareGrantedToAny(
  db: Db,
  projectIds: readonly string[],
): Promise<DesktopSoftware[]> {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('software')
    .select(['id', 'name', 'command', 'seats'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('project_software')
        .select('software_id')
        .where('project_id', 'in', [...projectIds]),
    )
    .orderBy('name')
    .execute();
}

/** Whether the program is granted to any of these projects. */
export async function grantedToAny(
  db: Db,
  softwareId: string,
  projectIds: readonly string[],
): Promise<boolean> {
  if (projectIds.length === 0) return false;
  const row = await db
    .selectFrom('project_software')
    .select('project_id')
    .where('software_id', '=', softwareId)
    .where('project_id', 'in', [...projectIds])
    .executeTakeFirst();
  return row !== undefined;
}

export async function seatsInUse(db: Db, softwareId: string): Promise<number> {
  const { n } = await db
    .selectFrom('licence_leases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('software_id', '=', softwareId)
    .where('returned_at', 'is', null)
    .executeTakeFirstOrThrow();
  return n;
}

export async function insertLease(
  db: Db,
  lease: { softwareId: string; sessionId: string; userId: string; checkedOutAt: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('licence_leases')
    .values({
      software_id: lease.softwareId,
      session_id: lease.sessionId,
      user_id: lease.userId,
      checked_out_at: lease.checkedOutAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Returns the session's live leases (one, given `leaseId`); those returned already are left alone. */
export async function returnLiveLeases(
  db: Db,
  sessionId: string,
  leaseId: string | null,
  returned: { at: Date; reason: string },
) {
  let update = db
    .updateTable('licence_leases')
    .set({ returned_at: returned.at, return_reason: returned.reason })
    .where('session_id', '=', sessionId)
    .where('returned_at', 'is', null);
  if (leaseId !== null) update = update.where('id', '=', leaseId);
  return update.returning(['id', 'software_id', 'user_id']).execute();
}

/** Leases, newest first: those in use, or the latest `limit` of all. */
export async function leaseRows(db: Db, options: { liveOnly: boolean; limit: number }) {
  let query = db
    .selectFrom('licence_leases')
    .select(['id', 'software_id', 'user_id', 'session_id', 'checked_out_at', 'returned_at', 'return_reason'])
    .orderBy('checked_out_at', 'desc')
    .limit(options.limit);
  if (options.liveOnly) query = query.where('returned_at', 'is', null);
  return query.execute();
}
