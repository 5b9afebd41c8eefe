import type { Db } from '../db/connect.js';

// The SQL over `notices`. Each function takes the Db or the caller's transaction.

export async function insertNotice(
  db: Db,
  notice: {
    en: string;
    sv: string;
    shownFrom: Date;
    shownUntil: Date;
    closure: { from: Date; until: Date } | null;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('notices')
    .values({
      text_en: notice.en,
      text_sv: notice.sv,
      shown_from: notice.shownFrom,
      shown_until: notice.shownUntil,
      closed_from: notice.closure?.from ?? null,
      closed_until: notice.closure?.until ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Returns whether there was such a notice. */
export async function deleteNotice(db: Db, id: string): Promise<boolean> {
  const removed = await db.deleteFrom('notices').where('id', '=', id).executeTakeFirst();
  return removed.numDeletedRows === 1n;
}

/** Notices not yet past, in the order they are first shown: those shown now, or all still to come. */
export async function noticesNotPast(db: Db, now: Date, which: 'current' | 'upcoming') {
  let query = db.selectFrom('notices').selectAll().where('shown_until', '>', now).orderBy('shown_from');
  if (which === 'current') query = query.where('shown_from', '<=', now);
  return query.execute();
}

/** When the latest closure in force at `now` ends, or null when none is. */
export async function closureInForceUntil(db: Db, now: Date): Promise<Date | null> {
  const closure = await db
    .selectFrom('notices')
    .select('closed_until')
    .where('closed_from', '<=', now)
    .where('closed_until', '>', now)
    .orderBy('closed_until', 'desc')
    .executeTakeFirst();
  return closure?.closed_until ?? null;
}
