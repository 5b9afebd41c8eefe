import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cutAuditLog, rewriteAuditEvent } from '../../test/audit-tampering.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { checkpointAuditChain, recordAudit } from './audit-service.js';
import { verifyAuditChain } from './audit-verification.js';
import { signCheckpoint } from './checkpoint.js';
import { appendCheckpoint, readCheckpoints } from './checkpoint-file.js';

let testDb: TestDatabase;
let file: string;
beforeEach(async () => {
  testDb = await createTestDatabase();
  file = join(mkdtempSync(join(tmpdir(), 'mona-checkpoints-')), 'checkpoints.jsonl');
});
afterEach(async () => {
  await testDb.drop();
});

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const now = new Date('2026-11-28T10:00:00.000Z');

async function record(count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) {
    await testDb.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, { actor: { id: null, label: 'tester' }, action: 'test.happened', details: { n } }),
      );
  }
}

const checkpoint = () => checkpointAuditChain(testDb.db, { privateKey, file, now });

async function verifyWithCheckpoints() {
  return verifyAuditChain(testDb.db, { lines: (await readCheckpoints(file)) ?? [], publicKey });
}

/** Five events, checkpoints after the third and the fifth. */
async function checkpointedLog(): Promise<void> {
  await record(3);
  await checkpoint();
  await record(2);
  await checkpoint();
}

describe('audit checkpoints', () => {
  it('sign the head, once per head, and nothing of an empty log', async () => {
    expect(await checkpoint()).toBeNull();
    await record(3);
    const first = await checkpoint();
    expect(first).toMatchObject({ seq: 3, at: '2026-11-28T10:00:00.000Z' });
    expect(await checkpointAuditChain(testDb.db, { privateKey, file, now, after: first })).toBeNull();
    expect(await readCheckpoints(file)).toEqual([{ line: 1, checkpoint: first }]);
  });

  it('hold an untouched log', async () => {
    await checkpointedLog();
    expect(await verifyWithCheckpoints()).toMatchObject({ ok: true, events: 5, checkpoints: 2 });
  });

  it('name the checkpoint a log rewritten with recomputed hashes no longer matches', async () => {
    await checkpointedLog();
    await rewriteAuditEvent(testDb.superuser(), 2, { n: 99 });
    // The chain alone is fooled.
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true, events: 5 });
    expect(await verifyWithCheckpoints()).toEqual({
      ok: false,
      events: 5,
      checkpoint: { line: 1, seq: 3, at: '2026-11-28T10:00:00.000Z' },
      reason: 'event 3 no longer has the hash it signed: the log was rewritten',
    });
  });

  it('name the checkpoint whose event was cut off with the tail', async () => {
    await checkpointedLog();
    await cutAuditLog(testDb.superuser(), 4);
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true, events: 4 });
    expect(await verifyWithCheckpoints()).toEqual({
      ok: false,
      events: 4,
      checkpoint: { line: 2, seq: 5, at: '2026-11-28T10:00:00.000Z' },
      reason: 'the log ends at event 4, before event 5 it signed: the newest events were cut off',
    });
  });

  it('refuse a checkpoint signed with another key, and a line that is none', async () => {
    await checkpointedLog();
    const forger = generateKeyPairSync('ed25519').privateKey;
    await appendCheckpoint(file, signCheckpoint({ seq: 5, hash: 'f'.repeat(64) }, now, forger));
    expect(await verifyWithCheckpoints()).toMatchObject({
      ok: false,
      checkpoint: { line: 3, seq: 5 },
      reason: expect.stringMatching(/^it was signed by another key/),
    });
    const lines = [
      ...((await readCheckpoints(file)) ?? []).slice(0, 2),
      { line: 3, unreadable: true as const },
    ];
    expect(await verifyAuditChain(testDb.db, { lines, publicKey })).toMatchObject({
      ok: false,
      checkpoint: { line: 3 },
      reason: 'it is not a checkpoint',
    });
  });
});
