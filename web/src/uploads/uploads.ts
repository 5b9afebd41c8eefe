import {
  type MyFiles,
  myFiles,
  type Upload,
  type UploadPolicy,
  type UploadState,
  uploadReceived,
} from '../../../src/airlock/upload-contract.js';
import { ApiError, getJson, type Progress, postFile } from '../api/client.js';
import { type ErrorText, errorText } from '../api/error-text.js';
import type { Messages } from '../i18n/en.js';

export type { MyFiles, Upload, UploadPolicy, UploadState };

/** ISO times in UTC sort as text. */
export function newestFirst<T extends { receivedAt: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
}

/** The user's uploads, what may be uploaded, the storage used, and the projects to upload for. */
export async function fetchMyFiles(): Promise<MyFiles> {
  // Polled while uploads are under way: the server does not count it as activity, nor may the page.
  const files = await getJson('/api/uploads', myFiles, { passive: true });
  return { ...files, uploads: newestFirst(files.uploads) };
}

/** Sends a file; the server answers once it has all of it, before the checks (202 Accepted). */
export async function uploadFile(
  file: File,
  projectId: string | undefined,
  onProgress?: (progress: Progress) => void,
): Promise<Upload> {
  const headers: Record<string, string> = { 'x-file-name': encodeURIComponent(file.name) };
  if (projectId) headers['x-project'] = projectId;
  return (await postFile('/api/uploads', file, headers, uploadReceived, onProgress)).upload;
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

/**
 * The detail under a rejection: the reviewer's note, which is for the researcher to read, or the
 * checker's technical words (a virus signature, a file format), which only support needs.
 */
export function rejectionDetail(upload: Upload): { kind: 'note' | 'technical'; text: string } | undefined {
  if (upload.state !== 'rejected' || !upload.reasonDetail) return undefined;
  return { kind: upload.reason === 'reviewer_rejected' ? 'note' : 'technical', text: upload.reasonDetail };
}

/** What became of the file just uploaded, as the banner over the form says it, and how loudly. */
export function outcomeText(
  upload: Upload,
  t: Messages,
): { kind: 'error' | 'success' | 'info'; text: string } {
  const f = t.files;
  switch (upload.state) {
    case 'delivered':
      return { kind: 'success', text: f.delivered(upload.name, upload.deliveredName ?? upload.name) };
    case 'rejected':
      return { kind: 'error', text: f.rejected(upload.name, reasonText(upload.reason, t)) };
    case 'in_review':
      return { kind: 'info', text: f.waitingForReview(upload.name) };
    default:
      return { kind: 'info', text: f.received(upload.name) };
  }
}
