import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { eventually } from '../../test/eventually.js';
import { claimJob, completeJob, enqueue, failJob, type Job } from './job-repository.js';
import { type JobKind, type RunningWorker, startWorker } from './worker.js';

let testDb: TestDatabase;
const workers: RunningWorker[] = [];
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  await testDb.db.deleteFrom('jobs').execute();
});
afterAll(async () => {
  await testDb.drop();
});

/** A job kind that records who ran which job, and who was told it was given up. */
function recorder(name: string, log: string[], work: (job: Job) => Promise<void> = async () => {}): JobKind {
  return {
    run: async (job) => {
      log.push(`${name} ran ${job.payload.n}`);
      await work(job);
    },
    giveUp: async (job, why) => {
      log.push(`${name} gave up ${job.payload.n}: ${why}`);
    },
  };
}

function worker(kind: JobKind, options: { maxAttempts?: number } = {}) {
  const running = startWorker({
    db: testDb.db,
    kinds: { 'test.work': kind },
    logger,
    lockSeconds: 3,
    idleMs: 100,
    ...options,
  });
  workers.push(running);
  return running;
}

const queue = (n: number) => enqueue(testDb.db, 'test.work', { n });

const jobRow = () => testDb.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();

const done = () =>
  eventually('the job to be done', async () => ((await jobRow()).done_at ? true : undefined));

describe('two workers on one queue', () => {
  it('never run the same job, even when it runs longer than a claim lasts unrenewed', async () => {
    const log: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await queue(1);
    worker(recorder('A', log, () => held));
    await eventually('A to begin', async () => (log.length > 0 ? true : undefined));
    worker(recorder('B', log));
    // Three claims' worth of time: unrenewed, the claim would have run out twice over.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    release();
    await done();
    expect(log).toEqual(['A ran 1']);
    expect((await jobRow()).attempts).toBe(1);
  }, 30_000);

  it("take over a dead worker's job once its claim runs out, and the dead claim can change nothing", async () => {
    const log: string[] = [];
    await queue(2);
    // A worker that claims the job and dies: nobody renews its claim.
    const dead = (await claimJob(testDb.db, ['test.work'], 3)) as Job;
    const claimedAt = Date.now();
    worker(recorder('B', log));
    await done();
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(2900);
    expect(log).toEqual(['B ran 2']);
    // A late word from the dead claim changes nothing the live one did.
    await failJob(testDb.db, dead, new Error('late'), 5);
    await completeJob(testDb.db, dead);
    expect(await jobRow()).toMatchObject({ attempts: 2, last_error: null });
  }, 30_000);
});

describe('a job that cannot be done', () => {
  it('is given up, its owner told, when it was claimed more often than it may be tried', async () => {
    const log: string[] = [];
    await queue(3);
    // Each of three workers claimed it and died.
    await testDb.db.updateTable('jobs').set({ attempts: 3 }).execute();
    worker(recorder('C', log), { maxAttempts: 3 });
    await done();
    expect(log).toEqual(['C gave up 3: claimed 4 times without finishing']);
    expect((await jobRow()).last_error).toBe('claimed 4 times without finishing');
  });

  it('is given up, its owner told, after failing as often as it may be tried', async () => {
    const log: string[] = [];
    await queue(4);
    worker(
      recorder('D', log, async () => {
        throw new Error('disk on fire');
      }),
      { maxAttempts: 2 },
    );
    await done();
    expect(log).toEqual(['D ran 4', 'D ran 4', 'D gave up 4: disk on fire']);
  });
});
