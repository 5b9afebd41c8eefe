import { z } from 'zod';
import { projectId, text, timestamp, uuid } from '../http/common-contract.js';

/** MONA web's "My files" and the reviewers' queue (R23), as the server answers and the web app reads. */

export const UPLOAD_STATES = [
  'received',
  'checking',
  'in_review',
  'approved',
  'delivered',
  'rejected',
] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

/** One file a user uploaded. */
export const upload = z.object({
  id: uuid,
  name: z.string(),
  projectId: projectId.nullable(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
  state: z.enum(UPLOAD_STATES),
  /** Why it was rejected, e.g. `infected`; null unless rejected. */
  reason: z.string().nullable(),
  /** The checker's words or the reviewer's note; may be null even when rejected. */
  reasonDetail: z.string().nullable(),
  /** The name it got in InBox, e.g. `data (2).csv`; null until delivered. */
  deliveredName: z.string().nullable(),
  receivedAt: timestamp,
  updatedAt: timestamp,
});
export type Upload = z.output<typeof upload>;

/** The answer to a file sent (202: received, the checks still to come). */
export const uploadReceived = z.object({ upload });

const byteCount = z.number().int().nonnegative();

/** `GET /api/uploads`: the user's uploads, what may be uploaded, the storage used, the projects. */
export const myFiles = z.object({
  uploads: z.array(upload),
  policy: z.object({ allowedTypes: z.array(z.string()), maxBytes: byteCount }),
  quota: z.object({ usedBytes: byteCount, quotaBytes: byteCount }),
  projects: z.array(z.object({ id: projectId, name: z.string() })),
});
export type MyFiles = z.output<typeof myFiles>;
export type UploadPolicy = MyFiles['policy'];

/** A result approved in the export review, ready to download (R24); none until exports exist. */
export const download = z.object({ id: uuid, name: z.string(), bytes: byteCount.nullable() });
export type Download = z.output<typeof download>;

export const downloads = z.object({ downloads: z.array(download) });

/** An upload waiting for a reviewer, with whose it is and for which project. */
export const reviewUpload = upload.extend({
  username: z.string(),
  projectName: z.string().nullable(),
  /** The reviewer's own upload, listed but for another reviewer to open and decide on (four eyes). */
  ownSubmission: z.boolean(),
});
export type ReviewUpload = z.output<typeof reviewUpload>;

export const reviewQueue = z.object({ uploads: z.array(reviewUpload) });

/** A reviewer's decision; a rejection says why, for the researcher reads it. */
export const reviewDecision = z.discriminatedUnion('approve', [
  z.strictObject({ approve: z.literal(true), note: text(2000).optional() }),
  z.strictObject({ approve: z.literal(false), note: text(2000) }),
]);
export type ReviewDecision = z.output<typeof reviewDecision>;

export const reviewDecided = z.object({ decided: z.literal(true) });
