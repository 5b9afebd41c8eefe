import { getJson, isRecord, isString, postJson } from '../../api/client.js';
import { parseAll } from '../../uploads/uploads.js';

export type LoginMethod = 'otp' | 'bankid' | 'none';
export type ProjectRole = 'member' | 'principal';

export interface AccountProject {
  id: string;
  name: string;
  role: ProjectRole;
}

/** The body of `GET /api/account`: MONA web's "My account" (R31). */
export interface Account {
  username: string;
  fullName: string;
  email: string;
  loginMethod: LoginMethod;
  projects: AccountProject[];
  /** An order to close and delete the account that support has not yet handled. */
  deletionRequest: { requestedAt: string; state: string } | null;
}

/** Longest reason the server accepts with an order to delete the account. */
export const maxReasonLength = 2000;

const loginMethods: LoginMethod[] = ['otp', 'bankid', 'none'];
const projectRoles: ProjectRole[] = ['member', 'principal'];

function parseProject(value: unknown): AccountProject | undefined {
  if (!isRecord(value) || !isString(value.id) || !isString(value.name)) return undefined;
  const role = projectRoles.find((candidate) => candidate === value.role);
  return role ? { id: value.id, name: value.name, role } : undefined;
}

function parseDeletionRequest(value: unknown): Account['deletionRequest'] | undefined {
  if (value === null) return null;
  if (!isRecord(value) || !isString(value.requestedAt) || !isString(value.state)) return undefined;
  return { requestedAt: value.requestedAt, state: value.state };
}

export function parseAccount(body: unknown): Account | undefined {
  if (!isRecord(body)) return undefined;
  const { username, fullName, email } = body;
  const loginMethod = loginMethods.find((candidate) => candidate === body.loginMethod);
  const projects = parseAll(body.projects, parseProject);
  const deletionRequest = parseDeletionRequest(body.deletionRequest);
  if (!isString(username) || !isString(fullName) || !isString(email) || !loginMethod) return undefined;
  if (!projects || deletionRequest === undefined) return undefined;
  return { username, fullName, email, loginMethod, projects, deletionRequest };
}

export function fetchAccount(): Promise<Account> {
  return getJson('/api/account', parseAccount);
}

/** Orders the account closed and deleted; answers when the order was received (the first one, if repeated). */
export function requestDeletion(reason: string): Promise<{ requestedAt: string; alreadyRequested: boolean }> {
  const trimmed = reason.trim();
  return postJson(
    '/api/account/deletion-request',
    trimmed ? { confirm: true, reason: trimmed } : { confirm: true },
    (body) =>
      isRecord(body) && isString(body.requestedAt) && typeof body.alreadyRequested === 'boolean'
        ? { requestedAt: body.requestedAt, alreadyRequested: body.alreadyRequested }
        : undefined,
  );
}
