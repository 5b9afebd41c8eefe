import { getJson, isRecord, isString, postJson } from '../../api/client.js';
import type { Messages } from '../../i18n/en.js';

export type RequestState = 'pending' | 'approved' | 'rejected';
export type RequestFilter = 'pending' | 'all';

/** A BankID login of an account not linked to that identity, waiting for support (R9). */
export interface LinkRequest {
  id: string;
  username: string;
  accountExists: boolean;
  /** `invited`, `active`, `suspended`, …; null when there is no such account. */
  accountState: string | null;
  /** `YYYYMMDD-****`: the full number is never sent. */
  pinMasked: string;
  /** The name BankID gave. */
  name: string;
  ip: string;
  country: string | null;
  requestedAt: string;
  state: RequestState;
}

const requestStates: RequestState[] = ['pending', 'approved', 'rejected'];
const isOptionalString = (value: unknown): value is string | null => value === null || isString(value);

function parseRequest(value: unknown): LinkRequest | undefined {
  if (!isRecord(value)) return undefined;
  const { id, username, accountExists, accountState, pinMasked, name, ip, country, requestedAt } = value;
  const state = requestStates.find((candidate) => candidate === value.state);
  if (!isString(id) || !isString(username) || !isString(pinMasked) || !isString(name)) return undefined;
  if (!isString(ip) || !isString(requestedAt) || typeof accountExists !== 'boolean') return undefined;
  if (!isOptionalString(accountState) || !isOptionalString(country) || !state) return undefined;
  return { id, username, accountExists, accountState, pinMasked, name, ip, country, requestedAt, state };
}

export function parseLinkRequests(body: unknown): LinkRequest[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.requests)) return undefined;
  const requests = body.requests.map(parseRequest);
  return requests.every((request) => request !== undefined) ? requests : undefined;
}

export function parseApproval(body: unknown): { username: string; mailed: boolean } | undefined {
  if (!isRecord(body) || body.approved !== true || !isString(body.username)) return undefined;
  if (typeof body.mailed !== 'boolean') return undefined;
  return { username: body.username, mailed: body.mailed };
}

export function fetchLinkRequests(filter: RequestFilter): Promise<LinkRequest[]> {
  return getJson(`/api/support/bankid-requests?state=${filter}`, parseLinkRequests);
}

export function approveLinkRequest(id: string): Promise<{ username: string; mailed: boolean }> {
  return postJson(`/api/support/bankid-requests/${encodeURIComponent(id)}/approve`, {}, parseApproval);
}

export async function rejectLinkRequest(id: string): Promise<void> {
  await postJson(`/api/support/bankid-requests/${encodeURIComponent(id)}/reject`, {}, (body) =>
    isRecord(body) && body.rejected === true ? true : undefined,
  );
}

/** Why a pending request cannot be approved as it stands, for a warning on it; undefined if it can. */
export function requestWarning(request: LinkRequest): 'no-account' | 'account-unusable' | undefined {
  if (!request.accountExists) return 'no-account';
  if (request.accountState === 'suspended' || request.accountState === 'closed') return 'account-unusable';
  return undefined;
}

type AccountState = keyof Messages['accountState'];

/** The account's state in words; a state this version does not know is shown as the server names it. */
export function accountStateText(state: string, t: Messages): string {
  const states = t.accountState;
  const known = (candidate: string): candidate is AccountState => Object.hasOwn(states, candidate);
  return known(state) ? states[state] : state;
}
