import { rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-service.js';
import { AppError } from '../http/errors.js';
import type { ActiveSession } from '../identity/session-service.js';
import { usernamesByIds } from '../identity/user-repository.js';
import { enqueue } from '../jobs/job-repository.js';
import { authorizeProjectMember } from '../projects/project-policy.js';
import { projectNamesByIds } from '../projects/project-repository.js';
import { checkFileName, UnsafePathError } from '../storage/safe-path.js';
import type { AirlockDeps } from './airlock-deps.js';
import type { AirlockTables } from './airlock-tables.js';
import { type Quarantined, receiveIntoQuarantine, UploadTooLarge } from './quarantine.js';
import type { Upload } from './upload-contract.js';
import { authorizeUploadReview } from './upload-policy.js';
import { insertUpload, uploadsInReview, uploadsOf } from './upload-repository.js';

export const INSPECT_UPLOAD = 'upload.inspect';
export const DELIVER_UPLOAD = 'upload.deliver';

/** An upload as its owner and the reviewers see it. */
export type UploadView = Upload;

/** The checks that need no bytes: name, type by extension, project, announced size. */
export async function checkUploadRequest(
  deps: AirlockDeps,
  session: ActiveSession,
  input: { name: string | undefined; projectId: string | undefined; contentLength: number | null },
): Promise<{ name: string; projectId: string | null }> {
  let name: string;
  try {
    name = checkFileName(input.name ?? '');
  } catch (error) {
    if (error instanceof UnsafePathError) throw new AppError('UPLOAD_NAME_REFUSED');
    throw error;
  }
  const extension = extname(name).slice(1).toLowerCase();
  if (!deps.settings.allowedTypes.includes(extension)) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED');
  if (input.contentLength !== null && input.contentLength > deps.settings.uploadMaxBytes) {
    throw new AppError('UPLOAD_TOO_LARGE');
  }
  if (input.contentLength === 0) throw new AppError('UPLOAD_EMPTY');
  if (input.projectId) await authorizeProjectMember(deps.db, session.userId, input.projectId);
  return { name, projectId: input.projectId || null };
}

/** Streams the file into quarantine, then records it and queues its inspection, audited, in one transaction. */
export async function receiveUpload(
  deps: AirlockDeps,
  session: ActiveSession,
  ip: string,
  checked: { name: string; projectId: string | null },
  body: Readable,
): Promise<UploadView> {
  let file: Quarantined;
  try {
    file = await receiveIntoQuarantine(body, deps.quarantineDir, deps.settings.uploadMaxBytes);
  } catch (error) {
    if (error instanceof UploadTooLarge) throw new AppError('UPLOAD_TOO_LARGE');
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError('STORAGE_FULL');
    // Nothing of it is kept (quarantine has removed the part file); that it was tried is.
    await deps.db.transaction().execute((trx) =>
      recordAudit(
        trx,
        {
          actor: { id: session.userId, label: session.username },
          action: 'upload.interrupted',
          ...(checked.projectId ? { projectId: checked.projectId } : {}),
          ip,
          details: { name: checked.name },
        },
        deps.now(),
      ),
    );
    throw new AppError('UPLOAD_INTERRUPTED');
  }
  if (file.bytes === 0) {
    await rm(file.path, { force: true });
    throw new AppError('UPLOAD_EMPTY');
  }
  const now = deps.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertUpload(trx, {
      id: file.id,
      user_id: session.userId,
      project_id: checked.projectId,
      original_name: checked.name,
      bytes: file.bytes,
      sha256: file.sha256,
      detected_type: null,
      state: 'received',
      reason: null,
      reason_detail: null,
      delivered_name: null,
      received_at: now,
      updated_at: now,
    });
    await enqueue(trx, INSPECT_UPLOAD, { uploadId: file.id });
    await recordAudit(
      trx,
      {
        actor: { id: session.userId, label: session.username },
        action: 'upload.received',
        target: { type: 'upload', id: file.id },
        ...(checked.projectId ? { projectId: checked.projectId } : {}),
        ip,
        details: { name: checked.name, bytes: file.bytes, sha256: file.sha256 },
      },
      now,
    );
    return inserted;
  });
  deps.workQueued();
  return toView(row);
}

export async function listUploads(deps: AirlockDeps, userId: string): Promise<UploadView[]> {
  return (await uploadsOf(deps.db, userId)).map(toView);
}

/** A reviewer opens an upload waiting for review: audited, for the reviewer sees what it holds. */
export async function openForReview(
  deps: AirlockDeps,
  reviewer: ActiveSession,
  uploadId: string,
  ip: string,
) {
  const upload = await authorizeUploadReview(deps.db, reviewer, uploadId, {
    act: 'open',
    ip,
    now: deps.now(),
  });
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, {
      actor: { id: reviewer.userId, label: reviewer.username },
      action: 'upload.review_opened',
      target: { type: 'upload', id: upload.id },
      ...(upload.project_id ? { projectId: upload.project_id } : {}),
      ip,
    }),
  );
  return { name: upload.original_name, path: join(deps.quarantineDir, upload.id) };
}

/** The uploads waiting for a reviewer, with whose they are, for which project, and which are the reviewer's own. */
export async function reviewQueue(deps: AirlockDeps, reviewerId: string) {
  const rows = await uploadsInReview(deps.db);
  const usernames = await usernamesByIds(
    deps.db,
    rows.map((row) => row.user_id),
  );
  const projectNames = await projectNamesByIds(
    deps.db,
    rows.flatMap((row) => (row.project_id ? [row.project_id] : [])),
  );
  return rows.map((row) => ({
    ...toView(row),
    username: usernames.get(row.user_id) as string,
    projectName: row.project_id ? (projectNames.get(row.project_id) ?? null) : null,
    ownSubmission: row.user_id === reviewerId,
  }));
}

function toView(row: Selectable<AirlockTables['uploads']>): UploadView {
  return {
    id: row.id,
    name: row.original_name,
    projectId: row.project_id,
    bytes: row.bytes,
    sha256: row.sha256,
    state: row.state,
    reason: row.reason,
    reasonDetail: row.reason_detail,
    deliveredName: row.delivered_name,
    receivedAt: row.received_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
