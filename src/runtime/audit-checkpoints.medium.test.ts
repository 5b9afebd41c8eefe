import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import { verifyAuditChain } from '../audit/audit-verification.js';
import { readCheckpoints } from '../audit/checkpoint-file.js';
import { readVerifyingKey } from '../audit/checkpoint-keys.js';
import { loadConfig } from '../config/load.js';
import { startAuditCheckpoints } from './audit-checkpoints.js';

let testDb: TestDatabase;
let dataDir: string;
beforeEach(async () => {
  testDb = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'mona-data-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await testDb.drop();
});

/** A logger whose lines a test can wait for. */
function recordingLogger() {
  const lines: { msg: string; [key: string]: unknown }[] = [];
  const waiters: { test: (msg: string) => boolean; resolve: () => void }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      const line = JSON.parse(chunk.toString());
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.test(line.msg))) waiter.resolve();
      done();
    },
  });
  const count = (msg: string) => lines.filter((line) => line.msg === msg).length;
  return {
    logger: pino(sink),
    lines,
    /** Resolves once `msg` has been logged `times` times. */
    waitFor: (msg: string, times: number) =>
      new Promise<void>((resolve) => {
        if (count(msg) >= times) return resolve();
        waiters.push({ test: (m) => m === msg && count(msg) >= times, resolve });
      }),
  };
}

const record = (action: string) =>
  testDb.db.transaction().execute((trx) => recordAudit(trx, { actor: SYSTEM_ACTOR, action }));

describe('scheduled audit checkpoints', () => {
  it('under mona start, make a key in the data dir, sign at once and then every interval', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await record('test.first');
    const config = loadConfig({ env: { MONA_AUDIT__CHECKPOINTS__INTERVAL_MINUTES: '5' } });
    const { logger, lines, waitFor } = recordingLogger();
    const stop = startAuditCheckpoints(config, dataDir, testDb.db, logger, 'start');
    try {
      const keyFile = join(dataDir, 'audit', 'checkpoint-key.pem');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      await waitFor('audit checkpoint', 1);
      await record('test.second');
      vi.advanceTimersByTime(5 * 60_000);
      await waitFor('audit checkpoint', 2);
      expect(
        lines.filter((line) => line.msg === 'audit checkpoint').map((line) => line.checkpoint),
      ).toMatchObject([{ seq: 1 }, { seq: 2 }]);
      const checkpoints = await readCheckpoints(join(dataDir, 'audit', 'checkpoints.jsonl'));
      expect(checkpoints).toHaveLength(2);
      expect(
        await verifyAuditChain(testDb.db, { lines: checkpoints ?? [], publicKey: readVerifyingKey(keyFile) }),
      ).toMatchObject({ ok: true, checkpoints: 2 });
    } finally {
      stop();
    }
  });

  it('under mona worker without a key, sign nothing and say so', async () => {
    const { logger, lines } = recordingLogger();
    startAuditCheckpoints(loadConfig({ env: {} }), dataDir, testDb.db, logger, 'worker')();
    expect(lines.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^audit\.checkpoints\.keyFile is not set: the audit log is not anchored/),
    ]);
    expect(await readCheckpoints(join(dataDir, 'audit', 'checkpoints.jsonl'))).toBeNull();
  });

  it('stop start-up when the configured key cannot be read', () => {
    const config = loadConfig({ env: { MONA_AUDIT__CHECKPOINTS__KEY_FILE: join(dataDir, 'missing.pem') } });
    expect(() =>
      startAuditCheckpoints(config, dataDir, testDb.db, recordingLogger().logger, 'start'),
    ).toThrow(/the checkpoint key .*missing\.pem cannot be read: ENOENT/);
  });
});
