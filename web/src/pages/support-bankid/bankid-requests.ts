import {
  type LinkRequest,
  type LinkRequestFilter,
  linkApproved,
  linkRejected,
  linkRequests,
} from '../../../../src/identity/bankid/link-request-contract.js';
import { getJson, postJson } from '../../api/client.js';
import type { Messages } from '../../i18n/en.js';

export type { LinkRequest };
export type RequestFilter = LinkRequestFilter;

export async function fetchLinkRequests(filter: RequestFilter): Promise<LinkRequest[]> {
  return (await getJson(`/api/support/bankid-requests?state=${filter}`, linkRequests)).requests;
}

export async function approveLinkRequest(id: string): Promise<{ username: string; mailed: boolean }> {
  const path = `/api/support/bankid-requests/${encodeURIComponent(id)}/approve`;
  const { username, mailed } = await postJson(path, {}, linkApproved);
  return { username, mailed };
}

export async function rejectLinkRequest(id: string): Promise<void> {
  await postJson(`/api/support/bankid-requests/${encodeURIComponent(id)}/reject`, {}, linkRejected);
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
