import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createOtpUser } from '../../test/users.js';
import { sweepQuarantine } from './quarantine-sweep.js';
import type { UploadState } from './upload-contract.js';
import { insertUpload } from './upload-repository.js';

let testDb: TestDatabase;
let quarantineDir: string;
let userId: string;
const now = new Date();

beforeAll(async () => {
  testDb = await createTestDatabase();
  quarantineDir = join(mkdtempSync(join(tmpdir(), 'mona-sweep-')), 'quarantine');
  mkdirSync(quarantineDir);
  userId = (await createOtpUser(testDb.db, { username: 'sweep.user' })).id;
});
afterAll(async () => {
  await testDb.drop();
});

/** A file in the quarantine, last written `minutesAgo`. */
function leave(name: string, minutesAgo: number): string {
  const path = join(quarantineDir, name);
  writeFileSync(path, 'id\n1\n');
  const at = new Date(now.getTime() - minutesAgo * 60_000);
  utimesSync(path, at, at);
  return name;
}

async function recorded(state: UploadState, minutesAgo: number): Promise<string> {
  const id = randomUUID();
  await insertUpload(testDb.db, {
    id,
    user_id: userId,
    project_id: null,
    original_name: 'data.csv',
    bytes: 5,
    sha256: '0'.repeat(64),
    detected_type: null,
    state,
    reason: state === 'rejected' ? 'infected' : null,
    reason_detail: null,
    delivered_name: null,
    received_at: now,
    updated_at: now,
  });
  return leave(id, minutesAgo);
}

describe('clearing the quarantine of what crashes left', () => {
  it('removes stale part files, unrecorded files and finished uploads, and keeps all else', async () => {
    const stalePart = leave(`${randomUUID()}.part`, 61);
    const livePart = leave(`${randomUUID()}.part`, 5);
    const orphan = leave(randomUUID(), 61);
    const justReceived = leave(randomUUID(), 0);
    const strange = leave('notes.txt', 600);
    const delivered = await recorded('delivered', 0);
    const rejected = await recorded('rejected', 0);
    const waiting = await recorded('in_review', 6000);
    const checking = await recorded('checking', 120);

    const removed = await sweepQuarantine({ db: testDb.db, quarantineDir, now: () => now });

    expect(removed.sort()).toEqual([stalePart, orphan, delivered, rejected].sort());
    expect(readdirSync(quarantineDir).sort()).toEqual(
      [livePart, justReceived, strange, waiting, checking].sort(),
    );
  });

  it('is content with a quarantine not made yet', async () => {
    const missing = join(quarantineDir, 'not-yet');
    expect(await sweepQuarantine({ db: testDb.db, quarantineDir: missing, now: () => now })).toEqual([]);
  });
});
