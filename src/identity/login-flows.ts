import type { Db } from '../db/connect.js';
import type { Visit } from '../entry/approved-country.js';
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

/** A step of a login or enrolment: who asks from where, and the flow token their browser holds. */
export interface LoginVisit extends Visit {
  flowToken: string | undefined;
}

/**
 * What the browser must keep after a step: a new flow token, or null to
 * forget the flow; the token of a portal session that has begun.
 */
export interface LoginCookies {
  flow?: string | null;
  session?: string;
}

/** A step's answer, and the cookies it sets. */
export interface LoginOutcome<T> {
  answer: T;
  cookies: LoginCookies;
}

/** Starts a flow; returns the token for the browser's cookie, which is never stored. */
export async function startFlow<K extends FlowKind>(
  db: Db,
  input: { kind: K; ip: string; country: string | null; state: StateOf<K>; now: Date; ttlSeconds: number },
): Promise<string> {
  const token = newToken();
  await insertLoginFlow(db, {
    idHash: hashToken(token),
    kind: input.kind,
    ip: input.ip,
    country: input.country,
    state: input.state,
    expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
  });
  return token;
}

/** The flow this browser is in, at one of the expected steps; anything else means "start again". */
export async function currentFlow<K extends FlowKind, S extends StateOf<K>['step']>(
  db: Db,
  flowToken: string | undefined,
  kind: K,
  steps: readonly S[],
  now: Date,
): Promise<Flow<K> & { state: Extract<StateOf<K>, { step: S }> }> {
  const row = flowToken ? await findLoginFlow(db, hashToken(flowToken), kind, now) : undefined;
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

/** Ends a flow; the browser is told to forget it (`cookies.flow = null`). */
export async function finishFlow(db: Db, idHash: string): Promise<void> {
  await deleteLoginFlow(db, idHash);
}
