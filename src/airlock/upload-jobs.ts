import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import { findUserById } from '../identity/user-repository.js';
import { enqueue, type Job } from '../jobs/job-repository.js';
import type { JobKind } from '../jobs/worker.js';
import { anyProjectOfMemberReviewsUploads, projectReviewsUploads } from '../projects/project-repository.js';
import { crashPoint } from '../runtime/crash-points.js';
import { clearStaging, DeliveryNoRoom, deliverFile, earlierDelivery } from '../storage/deliver.js';
import { provisionMember } from '../storage/provision.js';
import { assertRoomFor, QuotaExceededError } from '../storage/quota.js';
import { runningAsRoot, unixUserName } from '../storage/unix-accounts.js';
import { homeDirs } from '../storage/vault-paths.js';
import type { AirlockDeps } from './airlock-deps.js';
import { inspectUpload } from './inspect/inspect.js';
import type { UploadState } from './upload-contract.js';
import { findUploadForWork, moveUpload, setDetectedType } from './upload-repository.js';
import { DELIVER_UPLOAD, INSPECT_UPLOAD } from './upload-service.js';

/** The worker's part of the airlock: check each upload, then deliver it into the owner's InBox. */
export function uploadJobKinds(deps: AirlockDeps): Record<string, JobKind> {
  const giveUp = (job: Job, why: string) => refuseUnprocessed(deps, uploadIdOf(job), why);
  return {
    [INSPECT_UPLOAD]: { run: (job) => inspect(deps, uploadIdOf(job)), giveUp },
    [DELIVER_UPLOAD]: { run: (job) => deliver(deps, uploadIdOf(job)), giveUp },
  };
}

function uploadIdOf(job: Job): string {
  const id = job.payload.uploadId;
  if (typeof id !== 'string') throw new Error(`job ${job.id} has no upload id`);
  return id;
}

const quarantined = (deps: AirlockDeps, id: string) => join(deps.quarantineDir, id);

/** Moves an upload to its next state with its audit event; `from` guards against doing a step twice. */
async function transition(
  deps: AirlockDeps,
  id: string,
  from: readonly UploadState[],
  to: {
    state: 'checking' | 'in_review' | 'delivered' | 'rejected';
    reason?: string;
    detail?: string;
    deliveredName?: string;
    detectedType?: string;
  },
  auditDetails: Record<string, unknown> = {},
): Promise<boolean> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const updated = await moveUpload(trx, id, from, { ...to, updatedAt: now });
    if (!updated) return false;
    await recordAudit(
      trx,
      {
        actor: SYSTEM_ACTOR,
        action: `upload.${to.state}`,
        target: { type: 'upload', id },
        ...(updated.project_id ? { projectId: updated.project_id } : {}),
        details: { ...(to.reason ? { reason: to.reason, detail: to.detail } : {}), ...auditDetails },
      },
      now,
    );
    return true;
  });
}

async function reject(
  deps: AirlockDeps,
  id: string,
  from: readonly UploadState[],
  reason: string,
  detail: string,
  internal?: string,
) {
  await transition(deps, id, from, { state: 'rejected', reason, detail }, internal ? { internal } : {});
  await rm(quarantined(deps, id), { force: true });
}

async function inspect(deps: AirlockDeps, id: string): Promise<void> {
  const upload = await findUploadForWork(deps.db, id);
  if (upload?.state === 'delivered') return clearDelivered(deps, upload);
  if (!upload || !['received', 'checking'].includes(upload.state)) return;
  if (upload.state === 'received') await transition(deps, id, ['received'], { state: 'checking' });

  const verdict = await inspectUpload(
    quarantined(deps, id),
    upload.original_name,
    { allowedTypes: deps.settings.allowedTypes, archive: deps.settings.archive },
    { ...deps.settings.clamav, maxBytes: deps.settings.uploadMaxBytes },
  );
  if (!verdict.ok) {
    // A scanner's failure is internal: the audit log keeps it, the user is told only that it failed.
    const detail =
      verdict.reason === 'scan_failed'
        ? 'the virus scan could not be completed'
        : verdict.member
          ? `${verdict.member}: ${verdict.detail}`
          : verdict.detail;
    return reject(deps, id, ['checking'], verdict.reason, detail, verdict.detail);
  }
  if (await needsReview(deps, upload)) {
    await transition(deps, id, ['checking'], { state: 'in_review', detectedType: verdict.detected });
    return;
  }
  await setDetectedType(deps.db, id, verdict.detected);
  await deliver(deps, id);
}

/**
 * A person looks at the upload when its project asks for it; an upload for
 * no project in particular, when any of its owner's projects does.
 */
async function needsReview(
  deps: AirlockDeps,
  upload: { project_id: string | null; user_id: string },
): Promise<boolean> {
  return upload.project_id
    ? projectReviewsUploads(deps.db, upload.project_id)
    : anyProjectOfMemberReviewsUploads(deps.db, upload.user_id);
}

/**
 * Into the owner's `My Documents/InBox`, within their quota, never as a partial file, and once: a run
 * after a crash finds the link an earlier run made (earlierDelivery) and only finishes the work.
 */
async function deliver(deps: AirlockDeps, id: string): Promise<void> {
  const upload = await findUploadForWork(deps.db, id);
  if (!upload) return;
  if (upload.state === 'delivered') return clearDelivered(deps, upload);
  if (!['checking', 'approved'].includes(upload.state)) return;
  const owner = await findUserById(deps.db, upload.user_id);
  if (!owner) throw new Error(`the owner of upload ${id} is gone`);
  const home = await provisionMember(deps.db, deps.vault, owner.username);
  const target = { ...home, unixUser: runningAsRoot() ? unixUserName(owner.username) : null };
  const from = ['checking', 'approved'] as const;
  let deliveredName: string;
  try {
    // A run cut short after its link finds that link, whose file counts in the quota already.
    const earlier = await earlierDelivery(target, id);
    if (!earlier) await assertRoomFor(home.myDocuments, upload.bytes, deps.vault.homeQuotaBytes);
    deliveredName = earlier ?? (await deliverFile(quarantined(deps, id), upload.original_name, target, id));
  } catch (error) {
    if (error instanceof QuotaExceededError || error instanceof DeliveryNoRoom) {
      return reject(deps, id, from, 'quota_exceeded', error.message);
    }
    throw error;
  }
  crashPoint('delivery.after-link');
  await transition(deps, id, from, { state: 'delivered', deliveredName }, { name: deliveredName });
  await clearStaging(target, id);
  await rm(quarantined(deps, id), { force: true });
}

/** What a delivery cut short after it was recorded left behind: its staged copy and quarantined file. */
async function clearDelivered(deps: AirlockDeps, upload: { id: string; user_id: string }): Promise<void> {
  const owner = await findUserById(deps.db, upload.user_id);
  if (owner) {
    const target = {
      ...homeDirs(deps.vault.root, owner.username),
      unixUser: runningAsRoot() ? unixUserName(owner.username) : null,
    };
    await clearStaging(target, upload.id);
  }
  await rm(quarantined(deps, upload.id), { force: true });
}

/** The worker gave up on an upload's job: its owner is told it was not accepted, and may send it again. */
async function refuseUnprocessed(deps: AirlockDeps, id: string, why: string): Promise<void> {
  await reject(
    deps,
    id,
    ['received', 'checking', 'approved'],
    'processing_failed',
    'the file could not be processed',
    why,
  );
}

/** A reviewer's decision on an upload waiting in review. */
export async function decideReview(
  deps: AirlockDeps,
  id: string,
  decision: { approve: true } | { approve: false; note: string },
  actor: { id: string; label: string },
): Promise<boolean> {
  const now = deps.now();
  if (!decision.approve) {
    const done = await transition(
      deps,
      id,
      ['in_review'],
      { state: 'rejected', reason: 'reviewer_rejected', detail: decision.note },
      { reviewer: actor.label },
    );
    if (done) await rm(quarantined(deps, id), { force: true });
    return done;
  }
  // Approved at once, in the same transaction as the delivery job: no second reviewer can still decide.
  const approved = await deps.db.transaction().execute(async (trx) => {
    const moved = await moveUpload(trx, id, ['in_review'], { state: 'approved', updatedAt: now });
    if (!moved) return false;
    await enqueue(trx, DELIVER_UPLOAD, { uploadId: id });
    await recordAudit(
      trx,
      {
        actor,
        action: 'upload.approved',
        target: { type: 'upload', id },
        ...(moved.project_id ? { projectId: moved.project_id } : {}),
      },
      now,
    );
    return true;
  });
  if (!approved) return false;
  deps.workQueued();
  return true;
}
