import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { deleteLoginFlow, findLoginFlow, insertLoginFlow, updateLoginFlowState } from './login-repository.js';
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
  await insertLoginFlow(db, {
    idHash: hashToken(token),
    kind: input.kind,
    ip: input.ip,
    country: input.country,
    state: input.state,
    expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
  });
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
  const row = token ? await findLoginFlow(db, hashToken(token), kind, now) : undefined;
  const state = row?.state as StateOf<K> | undefined;
  if (!row || !state || !(steps as readonly string[]).includes(state.step))
    throw new AppError('LOGIN_FLOW_EXPIRED');
  return { idHash: row.id_hash, country: row.country, state: state as Extract<StateOf<K>, { step: S }> };
}

export async function updateFlow<K extends FlowKind>(
  db: Db,
  flow: Flow<K>,
  state: StateOf<K>,
): Promise<void> {
  await updateLoginFlowState(db, flow.idHash, state);
}

export async function finishFlow(db: Db, reply: FastifyReply, idHash: string): Promise<void> {
  await deleteLoginFlow(db, idHash);
  reply.clearCookie(FLOW_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}
