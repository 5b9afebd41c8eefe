import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { crashPoint } from '../runtime/crash-points.js';
import { claimJob, completeJob, failJob, type Job, renewClaim } from './job-repository.js';

/** One kind of background work. */
export interface JobKind {
  /** Does the work; may run again after a crash, so each step must find what an earlier run did. */
  run(job: Job): Promise<void>;
  /**
   * The job will not be tried again (it failed `maxAttempts` times, or its worker died that often while
   * running it): bring what it was for to an end its owner can see, e.g. an upload refused with a reason.
   */
  giveUp(job: Job, why: string): Promise<void>;
}

export interface WorkerOptions {
  db: Db;
  kinds: Record<string, JobKind>;
  logger: Logger;
  /**
   * How long a claim holds without renewal. The worker renews it every third of this while the job runs,
   * so a dead worker's job is free again this long after its death, and a live worker's never.
   */
  lockSeconds?: number;
  /** How often to look for work when there was none. */
  idleMs?: number;
  maxAttempts?: number;
}

export interface RunningWorker {
  /** Wakes the worker now, e.g. right after work was queued in this process. */
  nudge(): void;
  stop(): Promise<void>;
}

/** Runs jobs one at a time until stopped; the queue lives in PostgreSQL, so any number of workers can share it. */
export function startWorker(options: WorkerOptions): RunningWorker {
  const names = Object.keys(options.kinds);
  const idleMs = options.idleMs ?? 1000;
  const lockSeconds = options.lockSeconds ?? 30;
  const maxAttempts = options.maxAttempts ?? 5;
  let stopping = false;
  let wake: (() => void) | null = null;

  const giveUp = async (job: Job, why: string) => {
    await (options.kinds[job.kind] as JobKind).giveUp(job, why);
    await failJob(options.db, job, new Error(why), maxAttempts);
    options.logger.error({ job: job.id, kind: job.kind, why }, 'job given up');
  };

  const runClaimed = async (job: Job) => {
    // Claimed more often than it may be tried: its workers died running it, so it must not run again.
    if (job.attempts > maxAttempts) {
      return giveUp(job, `claimed ${job.attempts} times without finishing`);
    }
    const renewal = setInterval(
      () => {
        renewClaim(options.db, job, lockSeconds)
          .then((held) => {
            if (!held)
              options.logger.error({ job: job.id, kind: job.kind }, 'the claim on a running job was lost');
          })
          .catch((error) => options.logger.warn({ err: error, job: job.id }, 'renewing a claim failed'));
      },
      (lockSeconds * 1000) / 3,
    );
    try {
      await (options.kinds[job.kind] as JobKind).run(job);
      clearInterval(renewal);
      await completeJob(options.db, job);
    } catch (error) {
      clearInterval(renewal);
      if (job.attempts >= maxAttempts) return giveUp(job, (error as Error).message ?? String(error));
      await failJob(options.db, job, error, maxAttempts);
      options.logger.error({ err: error, job: job.id, kind: job.kind }, 'job failed, to be tried again');
    }
  };

  const loop = async () => {
    while (!stopping) {
      let job: Job | null = null;
      try {
        job = await claimJob(options.db, names, lockSeconds);
      } catch (error) {
        options.logger.error({ err: error }, 'claiming a job failed');
      }
      if (!job) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        continue;
      }
      crashPoint('job.claimed');
      await runClaimed(job).catch((error) =>
        options.logger.error({ err: error, job: job.id, kind: job.kind }, 'recording a job failed'),
      );
    }
  };
  const done = loop();
  return {
    nudge: () => wake?.(),
    stop: async () => {
      stopping = true;
      wake?.();
      await done;
    },
  };
}
