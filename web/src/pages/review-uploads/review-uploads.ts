import { getJson, isRecord, isString, postJson } from '../../api/client.js';
import { newestFirst, parseAll, parseUpload, type Upload } from '../../uploads/uploads.js';

/** An upload waiting for a reviewer, with whose it is. */
export interface ReviewUpload extends Upload {
  username: string;
  projectName: string | null;
}

function parseReviewUpload(value: unknown): ReviewUpload | undefined {
  const upload = parseUpload(value);
  if (!upload || !isRecord(value) || !isString(value.username)) return undefined;
  return {
    ...upload,
    username: value.username,
    projectName: isString(value.projectName) ? value.projectName : null,
  };
}

/** Oldest first: the queue is worked through in the order the files came. */
export function parseReviewUploads(body: unknown): ReviewUpload[] | undefined {
  const uploads = isRecord(body) ? parseAll(body.uploads, parseReviewUpload) : undefined;
  return uploads && newestFirst(uploads).reverse();
}

export function fetchReviewUploads(): Promise<ReviewUpload[]> {
  return getJson('/api/review/uploads', parseReviewUploads);
}

/** Where the reviewer downloads the file to inspect it; opening it is audited. */
export function contentUrl(id: string): string {
  return `/api/review/uploads/${encodeURIComponent(id)}/content`;
}

export type Decision = { approve: true } | { approve: false; note: string };

/** Refused with NOT_FOUND when the upload has been decided meanwhile. */
export async function decide(id: string, decision: Decision): Promise<void> {
  await postJson(`/api/review/uploads/${encodeURIComponent(id)}/decision`, decision, (body) =>
    isRecord(body) && body.decided === true ? true : undefined,
  );
}
