import {
  type ReviewDecision,
  type ReviewUpload,
  reviewDecided,
  reviewQueue,
} from '../../../../src/airlock/upload-contract.js';
import { getJson, postJson } from '../../api/client.js';
import { newestFirst } from '../../uploads/uploads.js';

export type { ReviewUpload };

/** Oldest first: the queue is worked through in the order the files came. */
export async function fetchReviewUploads(): Promise<ReviewUpload[]> {
  return newestFirst((await getJson('/api/review/uploads', reviewQueue)).uploads).reverse();
}

/** Where the reviewer downloads the file to inspect it; opening it is audited. */
export function contentUrl(id: string): string {
  return `/api/review/uploads/${encodeURIComponent(id)}/content`;
}

export type Decision = ReviewDecision;

/** Refused with NOT_FOUND when the upload has been decided meanwhile. */
export async function decide(id: string, decision: Decision): Promise<void> {
  await postJson(`/api/review/uploads/${encodeURIComponent(id)}/decision`, decision, reviewDecided);
}
