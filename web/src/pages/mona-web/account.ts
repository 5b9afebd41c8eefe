import {
  type Account,
  type AccountProject,
  account,
  deletionRequested,
  type LoginMethod,
  MAX_DELETION_REASON_LENGTH,
} from '../../../../src/identity/account-contract.js';
import { getJson, postJson } from '../../api/client.js';

export type { Account, AccountProject, LoginMethod };
export { MAX_DELETION_REASON_LENGTH };

export function fetchAccount(): Promise<Account> {
  return getJson('/api/account', account);
}

/** Orders the account closed and deleted; answers when the order was received (the first one, if repeated). */
export function requestDeletion(reason: string): Promise<{ requestedAt: string; alreadyRequested: boolean }> {
  const trimmed = reason.trim();
  return postJson(
    '/api/account/deletion-request',
    trimmed ? { confirm: true, reason: trimmed } : { confirm: true },
    deletionRequested,
  );
}
