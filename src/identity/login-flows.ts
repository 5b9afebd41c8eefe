import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { hashToken, newToken } from './tokens.js';

/** The state of a login between its steps. Which step may come next is the server's to say. */
export type LoginFlowState =
  | { step: 'password' }
  | { step: 'code'; username: string; userId: string | null; passwordOk: boolean }
  | { step: 'new-password'; username: string; userId: string; reason: 'first_login' | 'expired' }
  | { step: 'bankid'; username: string; codeVerifier: string; state: string; nonce: string };

/** Linking an account to OTP through the welcome mail's link. */
export type EnrolmentFlowState =
  | { step: 'new-password'; userId: string; username: string; linkHash: string }
  | { step: 'authenticator'; userId: string; username: string; linkHash: string; pendingSecret: string }
  | { step: 'terms'; userId: string; username: string; linkHash: string };

type FlowKind = 'login' | 'enrolment';
type StateOf<K extends FlowKind> = K extends 'login' ? LoginFlowState : EnrolmentFlowState;

export interface Flow<K extends FlowKind> {
  idHash: string;
  country: string | null;
  state: StateOf<K>;
}

const FLOW_COOKIE = '__Host-mona-flow';

export async function startFlow<K extends FlowKind>(
  db: Db,
  reply: FastifyReply,
  input: { kind: K; ip: string; country: string | null; state: StateOf<K>; now: Date; ttlSeconds: number },
): Promise<void> {
  const token = newToken();
  await db
    .insertInto('login_flows')
    .values({
      id_hash: hashToken(token),
      kind: input.kind,
      ip: input.ip,
      country: input.country,
      state: JSON.stringify(input.state),
      expires_at: new Date(input.now.getTime() + input.ttlSeconds * 1000),
    })
    .execute();
  // Lax, not Strict: the identity broker's redirect back to mona is a cross-site navigation.
  reply.setCookie(FLOW_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}

/** The flow this browser is in, at one of the expected steps; anything else means "start again". */
export async function currentFlow<K extends FlowKind, S extends StateOf<K>['step']>(
  db: Db,
  request: FastifyRequest,
  kind: K,
  steps: readonly S[],
  now: Date,
): Promise<Flow<K> & { state: Extract<StateOf<K>, { step: S }> }> {
  const token = request.cookies[FLOW_COOKIE];
  const row = token
    ? await db
        .selectFrom('login_flows')
        .select(['id_hash', 'country', 'state'])
        .where('id_hash', '=', hashToken(token))
        .where('kind', '=', kind)
        .where('expires_at', '>', now)
        .executeTakeFirst()
    : undefined;
  const state = row?.state as StateOf<K> | undefined;
  if (!row || !state || !(steps as readonly string[]).includes(state.step))
    throw new AppError('LOGIN_FLOW_EXPIRED');
  return { idHash: row.id_hash, country: row.country, state: state as Extract<StateOf<K>, { step: S }> };
}

export async function updateFlow<K extends FlowKind>(
  db: Kysely<Database>,
  flow: Flow<K>,
  state: StateOf<K>,
): Promise<void> {
  await db
    .updateTable('login_flows')
    .set({ state: JSON.stringify(state) })
    .where('id_hash', '=', flow.idHash)
    .execute();
}

export async function finishFlow(db: Kysely<Database>, reply: FastifyReply, idHash: string): Promise<void> {
  await db.deleteFrom('login_flows').where('id_hash', '=', idHash).execute();
  reply.clearCookie(FLOW_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}

export async function deleteExpiredFlows(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('login_flows').where('expires_at', '<=', now).execute();
}
