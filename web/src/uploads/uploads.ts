import { ApiError, getJson, isRecord, isString, type Progress, postFile } from '../api/client.js';
import { type ErrorText, errorText } from '../api/error-text.js';
import type { Messages } from '../i18n/en.js';

export const uploadStates = [
  'received',
  'checking',
  'in_review',
  'approved',
  'delivered',
  'rejected',
] as const;
export type UploadState = (typeof uploadStates)[number];

/** One file a user uploaded, as `GET /api/uploads` and the reviewers' queue describe it. */
export interface Upload {
  id: string;
  name: string;
  projectId: string | null;
  bytes: number;
  sha256: string;
  state: UploadState;
  /** Why it was rejected, e.g. `infected`; null unless rejected. */
  reason: string | null;
  /** The checker's words or the reviewer's note; may be null even when rejected. */
  reasonDetail: string | null;
  /** The name it got in InBox, e.g. `data (2).csv`; null until delivered. */
  deliveredName: string | null;
  receivedAt: string;
  updatedAt: string;
}

/** What may be uploaded: extensions such as `csv`, and the largest size in bytes. */
export interface UploadPolicy {
  allowedTypes: string[];
  maxBytes: number;
}

export interface Quota {
  usedBytes: number;
  quotaBytes: number;
}

export interface ProjectRef {
  id: string;
  name: string;
}

/** The body of `GET /api/uploads`: MONA web's "My files". */
export interface MyFiles {
  /** Newest first. */
  uploads: Upload[];
  policy: UploadPolicy;
  quota: Quota;
  projects: ProjectRef[];
}

const isOptionalString = (value: unknown): value is string | null => value === null || isString(value);
const isByteCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isUploadState = (value: unknown): value is UploadState => uploadStates.some((state) => state === value);

export function parseUpload(value: unknown): Upload | undefined {
  if (!isRecord(value)) return undefined;
  const { id, name, projectId, bytes, sha256, state, reason, reasonDetail, deliveredName } = value;
  const { receivedAt, updatedAt } = value;
  if (!isString(id) || !isString(name) || !isString(sha256) || !isByteCount(bytes)) return undefined;
  if (!isUploadState(state) || !isString(receivedAt) || !isString(updatedAt)) return undefined;
  if (!isOptionalString(projectId) || !isOptionalString(reason)) return undefined;
  if (!isOptionalString(reasonDetail) || !isOptionalString(deliveredName)) return undefined;
  return {
    id,
    name,
    projectId,
    bytes,
    sha256,
    state,
    reason,
    reasonDetail,
    deliveredName,
    receivedAt,
    updatedAt,
  };
}

/** Every element parsed, or undefined when any one is of the wrong shape. */
export function parseAll<T>(values: unknown, parse: (value: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(values)) return undefined;
  const parsed = values.map(parse);
  return parsed.every((entry) => entry !== undefined) ? parsed : undefined;
}

export function parseProjectRef(value: unknown): ProjectRef | undefined {
  return isRecord(value) && isString(value.id) && isString(value.name)
    ? { id: value.id, name: value.name }
    : undefined;
}

/** ISO times in UTC sort as text. */
export function newestFirst<T extends { receivedAt: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
}

export function parseMyFiles(body: unknown): MyFiles | undefined {
  if (!isRecord(body) || !isRecord(body.policy) || !isRecord(body.quota)) return undefined;
  const uploads = parseAll(body.uploads, parseUpload);
  const projects = parseAll(body.projects, parseProjectRef);
  const { allowedTypes, maxBytes } = body.policy;
  const { usedBytes, quotaBytes } = body.quota;
  if (!uploads || !projects || !Array.isArray(allowedTypes) || !allowedTypes.every(isString))
    return undefined;
  if (!isByteCount(maxBytes) || !isByteCount(usedBytes) || !isByteCount(quotaBytes)) return undefined;
  return {
    uploads: newestFirst(uploads),
    policy: { allowedTypes, maxBytes },
    quota: { usedBytes, quotaBytes },
    projects,
  };
}

/** The user's uploads, what may be uploaded, the storage used, and the projects to upload for. */
export function fetchMyFiles(): Promise<MyFiles> {
  // Polled while uploads are under way: the server does not count it as activity, nor may the page.
  return getJson('/api/uploads', parseMyFiles, { passive: true });
}

/** Sends a file; the server answers once it has all of it, before the checks (202 Accepted). */
export function uploadFile(
  file: File,
  projectId: string | undefined,
  onProgress?: (progress: Progress) => void,
): Promise<Upload> {
  const headers: Record<string, string> = { 'x-file-name': encodeURIComponent(file.name) };
  if (projectId) headers['x-project'] = projectId;
  return postFile(
    '/api/uploads',
    file,
    headers,
    (body) => (isRecord(body) ? parseUpload(body.upload) : undefined),
    onProgress,
  );
}

/** Still on its way: the list is refreshed until none is. */
export function isUnfinished(upload: Upload): boolean {
  return upload.state !== 'delivered' && upload.state !== 'rejected';
}

/** The extension as the server reads it: after the last dot, lower case; none for ".profile" or "data.". */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Why a file will surely be refused, found before sending it; the server still decides. */
export type FileProblem =
  | { problem: 'no-extension' }
  | { problem: 'type'; extension: string }
  | { problem: 'empty' }
  | { problem: 'too-large' };

export function checkFile(
  file: { name: string; size: number },
  policy: UploadPolicy,
): FileProblem | undefined {
  const extension = extensionOf(file.name);
  if (!extension) return { problem: 'no-extension' };
  if (!policy.allowedTypes.includes(extension)) return { problem: 'type', extension };
  if (file.size === 0) return { problem: 'empty' };
  if (file.size > policy.maxBytes) return { problem: 'too-large' };
  return undefined;
}

/** The problem in words; `maxSize` is the policy's limit, already formatted. */
export function fileProblemText(problem: FileProblem, maxSize: string, t: Messages): string {
  switch (problem.problem) {
    case 'no-extension':
      return t.files.noExtension;
    case 'type':
      return t.files.typeNotAllowed(problem.extension);
    case 'empty':
      return t.files.empty;
    case 'too-large':
      return t.files.tooLarge(maxSize);
  }
}

/** A refused upload in the user's words; NOT_FOUND here means the project chosen. */
export function uploadErrorText(error: unknown, t: Messages): ErrorText {
  if (error instanceof ApiError && error.code === 'NOT_FOUND')
    return { text: t.errors.uploadProjectNotFound };
  return errorText(error, t);
}

type Reason = keyof Messages['uploadReason'];

/** Why an upload was rejected, in words; a reason this version does not know gets a general text. */
export function reasonText(reason: string | null, t: Messages): string {
  const known = (candidate: string | null): candidate is Reason =>
    candidate !== null && Object.hasOwn(t.uploadReason, candidate);
  return t.uploadReason[known(reason) ? reason : 'other'];
}

/** "Checking", "Delivered to InBox as data (2).csv", "Rejected: the file is empty." */
export function stateText(upload: Upload, t: Messages): string {
  const states = t.uploadState;
  switch (upload.state) {
    case 'delivered':
      return states.delivered(upload.deliveredName ?? upload.name);
    case 'rejected':
      return states.rejected(reasonText(upload.reason, t));
    default:
      return states[upload.state];
  }
}

/** The detail shown under a rejection, with its label: the reviewer's note, or the checker's words. */
export function rejectionDetail(upload: Upload, t: Messages): { label: string; text: string } | undefined {
  if (upload.state !== 'rejected' || !upload.reasonDetail) return undefined;
  const label = upload.reason === 'reviewer_rejected' ? t.uploadState.reviewerNote : t.uploadState.detail;
  return { label, text: upload.reasonDetail };
}
