import { type Actor, recordAudit } from '../../audit/audit-service.js';
import type { Db } from '../../db/connect.js';
import { instanceSecret } from '../../db/instance-secrets.js';
import { AppError } from '../../http/errors.js';
import { deleteOtpCredentials } from '../credential-repository.js';
import { activateIfInvited, findUserByUsername, setLoginMethod } from '../user-repository.js';
import {
  decideLinkRequest,
  linkBankId,
  listLinkRequestRows,
  lockPendingLinkRequest,
  pinLinkedElsewhere,
  upsertLinkRequest,
} from './bankid-repository.js';
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
    const id = await upsertLinkRequest(trx, {
      username: input.username,
      pinHmac: input.pinHmac,
      pinMasked: input.pinMasked,
      name: input.name,
      ip: input.ip,
      country: input.country,
      requestedAt: input.now,
    });
    await recordAudit(
      trx,
      {
        actor: { id: null, label: 'anonymous' },
        action: 'bankid.link_requested',
        target: { type: 'bankid_link_request', id },
        ip: input.ip,
        details: { username: input.username, pin: input.pinMasked },
      },
      input.now,
    );
  });
}

export async function listLinkRequests(db: Db, state: 'pending' | 'all'): Promise<LinkRequestView[]> {
  const rows = await listLinkRequestRows(db, state);
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
    const request = await lockPendingLinkRequest(trx, id);
    if (!request) throw new AppError('NOT_FOUND');
    const user = await findUserByUsername(trx, request.username);
    if (!user || user.state === 'closed' || user.state === 'suspended') {
      throw new AppError('LINK_REQUEST_UNUSABLE');
    }
    if (await pinLinkedElsewhere(trx, request.pin_hmac, user.id)) throw new AppError('LINK_REQUEST_UNUSABLE');

    await linkBankId(trx, {
      userId: user.id,
      pinHmac: request.pin_hmac,
      pinMasked: request.pin_masked,
      linkedAt: now,
    });
    await deleteOtpCredentials(trx, user.id);
    await setLoginMethod(trx, user.id, 'bankid', now);
    await activateIfInvited(trx, user.id);
    await decideLinkRequest(trx, id, { state: 'approved', decidedAt: now, decidedBy: actor.label });
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
    const rejected = await decideLinkRequest(trx, id, {
      state: 'rejected',
      decidedAt: now,
      decidedBy: actor.label,
    });
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
