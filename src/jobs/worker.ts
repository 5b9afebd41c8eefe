import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { claimJob, completeJob, failJob, type Job } from './job-repository.js';

export type JobHandler = (job: Job) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  logger: Logger;
  /** How long a claimed job is ours before another worker may take it. */
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
  const kinds = Object.keys(options.handlers);
  const idleMs = options.idleMs ?? 1000;
  let stopping = false;
  let wake: (() => void) | null = null;

  const loop = async () => {
    while (!stopping) {
      let job: Job | null = null;
      try {
        job = await claimJob(options.db, kinds, options.lockSeconds ?? 900);
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
      try {
        await (options.handlers[job.kind] as JobHandler)(job);
        await completeJob(options.db, job.id);
      } catch (error) {
        const outcome = await failJob(options.db, job, error, options.maxAttempts ?? 5).catch(
          () => 'unknown',
        );
        options.logger.error({ err: error, job: job.id, kind: job.kind, outcome }, 'job failed');
      }
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
