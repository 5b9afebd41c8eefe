import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Small files under `<data-dir>/run/` through which operator commands find
 * what a running `mona start` or `mona serve` has started: its address, its
 * mail catcher. Each names the process that wrote it; a file whose process
 * has ended is ignored.
 */
export function writeRunFile(dataDir: string, name: string, content: Record<string, unknown>): void {
  mkdirSync(join(dataDir, 'run'), { recursive: true });
  writeFileSync(join(dataDir, 'run', `${name}.json`), JSON.stringify({ pid: process.pid, ...content }));
}

export function readRunFile<T extends Record<string, unknown>>(dataDir: string, name: string): T | null {
  try {
    const content = JSON.parse(readFileSync(join(dataDir, 'run', `${name}.json`), 'utf8')) as T & {
      pid: number;
    };
    process.kill(content.pid, 0);
    return content;
  } catch {
    return null;
  }
}
