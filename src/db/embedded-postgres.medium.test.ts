import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from './connect.js';
import { findRunningEmbedded, startEmbedded } from './embedded-postgres.js';

const scratch = mkdtempSync(join(tmpdir(), 'mona-embedded-'));
chmodSync(scratch, 0o711);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts the embedded server in another process and kills that process outright, as a crash would. */
async function startAndCrash(dataDir: string): Promise<number> {
  const module = new URL('./embedded-postgres.ts', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import(${JSON.stringify(module)}).then(m => m.startEmbedded(${JSON.stringify(dataDir)}, () => {})).then(() => console.log('up'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const postgresPid = findRunningEmbedded(dataDir)?.pid as number;
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return postgresPid;
}

describe('the embedded database', () => {
  it('keeps data across a stop and a start', async () => {
    const dataDir = join(scratch, 'persist');
    const first = await startEmbedded(dataDir, () => {});
    const db = connect(first.url, 1);
    await sql`CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)`.execute(db);
    await db.destroy();
    await first.stop();
    expect(findRunningEmbedded(dataDir)).toBeNull();

    const second = await startEmbedded(dataDir, () => {});
    const again = connect(second.url, 1);
    expect((await sql<{ n: number }>`SELECT n FROM kept`.execute(again)).rows).toEqual([{ n: 42 }]);
    await again.destroy();
    await second.stop();
  });

  it('takes over a server left running by a crashed mona', async () => {
    const dataDir = join(scratch, 'crashed');
    const orphan = await startAndCrash(dataDir);
    const lines: string[] = [];
    const server = await startEmbedded(dataDir, (line) => lines.push(line));
    expect(lines).toContain(
      `stopping the embedded database left running by an ended process (pid ${orphan})`,
    );
    expect(server.pid).not.toBe(orphan);
    await server.stop();
  });
});
