import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import type { Notice } from './notice-contract.js';
import { closureInForceUntil, deleteNotice, insertNotice, noticesNotPast } from './notice-repository.js';

export class NoticeError extends Error {
  override name = 'NoticeError';
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
    const id = await insertNotice(trx, { ...notice, en: texts[0] as string, sv: texts[1] as string });
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
    if (!(await deleteNotice(trx, id))) return false;
    await recordAudit(trx, { actor, action: 'notice.removed', target: { type: 'notice', id } });
    return true;
  });
}

/** The notices to show now (or all not yet past, for operators). */
export async function listNotices(db: Db, now: Date, which: 'current' | 'upcoming'): Promise<Notice[]> {
  const rows = await noticesNotPast(db, now, which);
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
  const until = await closureInForceUntil(db, now);
  if (until) throw new AppError('CLOSED_FOR_MAINTENANCE', [{ field: 'until', problem: until.toISOString() }]);
}
