import { type Actor, recordAudit } from '../../audit/audit-service.js';
import type { Db } from '../../db/connect.js';
import { instanceSecret } from '../../db/instance-secrets.js';
import { AppError } from '../../http/errors.js';
import { pinHmac } from './personal-identity-number.js';

export interface LinkRequestView {
  id: string;
  username: string;
  accountExists: boolean;
  accountState: string | null;
  pinMasked: string;
  name: string;
  ip: string;
  country: string | null;
  requestedAt: string;
  state: 'pending' | 'approved' | 'rejected';
}

/** The key under which identity numbers are hashed: one per installation, made on first use. */
export function pinKey(db: Db): Promise<Buffer> {
  return instanceSecret(db, 'bankid-pin');
}

export async function hashPin(db: Db, pin: string): Promise<string> {
  return pinHmac(await pinKey(db), pin);
}

/** R9: a BankID login of an account not linked to that identity waits for support. */
export async function recordLinkRequest(
  db: Db,
  input: {
    username: string;
    pinHmac: string;
    pinMasked: string;
    name: string;
    ip: string;
    country: string | null;
    now: Date;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await trx
      .insertInto('bankid_link_requests')
      .values({
        username: input.username,
        pin_hmac: input.pinHmac,
        pin_masked: input.pinMasked,
        name: input.name,
        ip: input.ip,
        country: input.country,
        requested_at: input.now,
      })
      .onConflict((oc) =>
        oc
          .columns(['username', 'pin_hmac'])
          .where('state', '=', 'pending')
          .doUpdateSet({ name: input.name, ip: input.ip, country: input.country, requested_at: input.now }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        actor: { id: null, label: 'anonymous' },
        action: 'bankid.link_requested',
        target: { type: 'bankid_link_request', id: request.id },
        ip: input.ip,
        details: { username: input.username, pin: input.pinMasked },
      },
      input.now,
    );
  });
}

export async function listLinkRequests(db: Db, state: 'pending' | 'all'): Promise<LinkRequestView[]> {
  let query = db
    .selectFrom('bankid_link_requests')
    .leftJoin('users', 'users.username', 'bankid_link_requests.username')
    .select([
      'bankid_link_requests.id',
      'bankid_link_requests.username',
      'bankid_link_requests.pin_masked',
      'bankid_link_requests.name',
      'bankid_link_requests.ip',
      'bankid_link_requests.country',
      'bankid_link_requests.requested_at',
      'bankid_link_requests.state',
      'users.state as account_state',
    ])
    .orderBy('bankid_link_requests.requested_at', 'desc')
    .limit(500);
  if (state === 'pending') query = query.where('bankid_link_requests.state', '=', 'pending');
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    accountExists: row.account_state !== null,
    accountState: row.account_state,
    pinMasked: row.pin_masked,
    name: row.name,
    ip: row.ip,
    country: row.country,
    requestedAt: row.requested_at.toISOString(),
    state: row.state,
  }));
}

export interface LinkedAccount {
  userId: string;
  username: string;
  email: string;
  fullName: string;
}

/**
 * Support approves: the account is linked to BankID, and any OTP credentials
 * are removed (R5: exactly one method). Returns the account, for the mail.
 */
export async function approveLinkRequest(
  db: Db,
  id: string,
  actor: Actor,
  now: Date,
): Promise<LinkedAccount> {
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('bankid_link_requests')
      .selectAll()
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw new AppError('NOT_FOUND');
    const user = await trx
      .selectFrom('users')
      .select(['id', 'username', 'email', 'full_name', 'state'])
      .where('username', '=', request.username)
      .executeTakeFirst();
    if (!user || user.state === 'closed' || user.state === 'suspended') {
      throw new AppError('LINK_REQUEST_UNUSABLE');
    }
    const elsewhere = await trx
      .selectFrom('bankid_links')
      .select('user_id')
      .where('pin_hmac', '=', request.pin_hmac)
      .where('user_id', '!=', user.id)
      .executeTakeFirst();
    if (elsewhere) throw new AppError('LINK_REQUEST_UNUSABLE');

    await trx
      .insertInto('bankid_links')
      .values({
        user_id: user.id,
        pin_hmac: request.pin_hmac,
        pin_masked: request.pin_masked,
        linked_at: now,
      })
      .onConflict((oc) =>
        oc
          .column('user_id')
          .doUpdateSet({ pin_hmac: request.pin_hmac, pin_masked: request.pin_masked, linked_at: now }),
      )
      .execute();
    await trx.deleteFrom('otp_credentials').where('user_id', '=', user.id).execute();
    await trx
      .updateTable('users')
      .set({ login_method: 'bankid', updated_at: now })
      .where('id', '=', user.id)
      .execute();
    await trx
      .updateTable('users')
      .set({ state: 'active' })
      .where('id', '=', user.id)
      .where('state', '=', 'invited')
      .execute();
    await trx
      .updateTable('bankid_link_requests')
      .set({ state: 'approved', decided_at: now, decided_by: actor.label })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      {
        actor,
        action: 'user.linked',
        target: { type: 'user', id: user.id },
        details: { method: 'bankid', request: id, pin: request.pin_masked },
      },
      now,
    );
    return { userId: user.id, username: user.username, email: user.email, fullName: user.full_name };
  });
}

export async function rejectLinkRequest(db: Db, id: string, actor: Actor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rejected = await trx
      .updateTable('bankid_link_requests')
      .set({ state: 'rejected', decided_at: now, decided_by: actor.label })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .returning(['username'])
      .executeTakeFirst();
    if (!rejected) throw new AppError('NOT_FOUND');
    await recordAudit(
      trx,
      {
        actor,
        action: 'bankid.link_rejected',
        target: { type: 'bankid_link_request', id },
        details: { username: rejected.username },
      },
      now,
    );
  });
}
