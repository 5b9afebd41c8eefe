import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';

export class NoticeError extends Error {
  override name = 'NoticeError';
}

export interface NoticeView {
  id: string;
  en: string;
  sv: string;
  shownFrom: string;
  shownUntil: string;
  /** A planned closure (R33): nobody can log in between these times. */
  closure: { from: string; until: string } | null;
}

export interface NewNotice {
  en: string;
  sv: string;
  shownFrom: Date;
  shownUntil: Date;
  closure: { from: Date; until: Date } | null;
}

/** Announces a message, or a planned closure in advance (R33); shown on the start page, in the portal and the desktop. */
export async function addNotice(db: Db, notice: NewNotice, actor: Actor): Promise<string> {
  const texts = [notice.en.trim(), notice.sv.trim()];
  if (texts.some((text) => text.length < 1 || text.length > 2000)) {
    throw new NoticeError('the English and Swedish texts must each be 1-2000 characters');
  }
  if (notice.shownUntil <= notice.shownFrom)
    throw new NoticeError('a notice must be shown until after it is first shown');
  if (notice.closure && notice.closure.until <= notice.closure.from)
    throw new NoticeError('a closure must end after it begins');
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('notices')
      .values({
        text_en: texts[0] as string,
        text_sv: texts[1] as string,
        shown_from: notice.shownFrom,
        shown_until: notice.shownUntil,
        closed_from: notice.closure?.from ?? null,
        closed_until: notice.closure?.until ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: notice.closure ? 'notice.closure_planned' : 'notice.added',
      target: { type: 'notice', id },
      details: {
        en: texts[0],
        ...(notice.closure
          ? { from: notice.closure.from.toISOString(), until: notice.closure.until.toISOString() }
          : {}),
      },
    });
    return id;
  });
}

export async function removeNotice(db: Db, id: string, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('notices').where('id', '=', id).executeTakeFirst();
    if (removed.numDeletedRows !== 1n) return false;
    await recordAudit(trx, { actor, action: 'notice.removed', target: { type: 'notice', id } });
    return true;
  });
}

/** The notices to show now (or all not yet past, for operators). */
export async function listNotices(db: Db, now: Date, which: 'current' | 'upcoming'): Promise<NoticeView[]> {
  let query = db.selectFrom('notices').selectAll().where('shown_until', '>', now).orderBy('shown_from');
  if (which === 'current') query = query.where('shown_from', '<=', now);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    en: row.text_en,
    sv: row.text_sv,
    shownFrom: row.shown_from.toISOString(),
    shownUntil: row.shown_until.toISOString(),
    closure:
      row.closed_from && row.closed_until
        ? { from: row.closed_from.toISOString(), until: row.closed_until.toISOString() }
        : null,
  }));
}

/** R33: during a planned closure nobody can log in; the refusal says until when. */
export async function refuseDuringClosure(db: Db, now: Date): Promise<void> {
  const closure = await db
    .selectFrom('notices')
    .select('closed_until')
    .where('closed_from', '<=', now)
    .where('closed_until', '>', now)
    .orderBy('closed_until', 'desc')
    .executeTakeFirst();
  if (closure?.closed_until) {
    throw new AppError('CLOSED_FOR_MAINTENANCE', [
      { field: 'until', problem: closure.closed_until.toISOString() },
    ]);
  }
}
