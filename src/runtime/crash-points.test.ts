import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { CRASH_POINT_NAMES } from './crash-points.js';

const MODULE = fileURLToPath(new URL('./crash-points.ts', import.meta.url));

/** A Node process that arms `armed`, then passes the points given, saying so after each. */
function runThrough(armed: string | null, points: string[]) {
  const script = [
    `import { armCrashPoint, crashPoint } from ${JSON.stringify(MODULE)};`,
    `armCrashPoint(${JSON.stringify(armed)});`,
    ...points.map((point) => `crashPoint(${JSON.stringify(point)}); console.log('passed ${point}');`),
  ].join('\n');
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('crash points', () => {
  it('kill the process by SIGKILL at the armed point, and pass every other', () => {
    const result = runThrough('job.claimed', ['upload.streaming', 'job.claimed', 'desktop.start']);
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).toBe('passed upload.streaming\n');
    expect(result.stderr).toContain('mona: crash point job.claimed reached (crashAt): killing this process');
  });

  it('do nothing when none is armed', () => {
    const result = runThrough(null, [...CRASH_POINT_NAMES]);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(CRASH_POINT_NAMES.length);
  });

  it('are armed from MONA_CRASH_AT, which must name a known point and is refused in production', () => {
    expect(loadConfig({ env: {} }).crashAt).toBeNull();
    expect(loadConfig({ env: { MONA_CRASH_AT: 'delivery.after-link' } }).crashAt).toBe('delivery.after-link');
    expect(() => loadConfig({ env: { MONA_CRASH_AT: 'upload.somewhere' } })).toThrow(
      /^config: crashAt = "upload\.somewhere" \(from environment MONA_CRASH_AT\): must be one of upload\.streaming, /,
    );
    expect(() =>
      loadConfig({ env: { MONA_CRASH_AT: 'job.claimed', MONA_ENVIRONMENT: 'production' } }),
    ).toThrow(/crashAt = "job\.claimed" .*: crash points are a test facility, never used in production/);
  });

  it('are each documented in docs/operations.md', () => {
    const docs = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    expect(CRASH_POINT_NAMES.filter((name) => !docs.includes(`| \`${name}\` |`))).toEqual([]);
  });
});
