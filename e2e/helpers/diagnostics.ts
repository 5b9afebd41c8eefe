import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { test } from '../fixtures.js';
import { root } from './servers.js';

const run = promisify(execFile);
/** What the session host's programs write under `<data-dir>/logs` when `mona start` runs them. */
const HOST_LOGS = ['host-agent.log', 'xrdp.log', 'sesman.log'] as const;
/** Lines of each log printed with a failure; the whole of what the test logged is attached. */
const PRINTED_LINES = 40;

export interface Evidence {
  /** An X screen other than the browser's, such as the RDP client's: its picture is attached. */
  display?: () => string | undefined;
  /** Named texts of the test's own, such as what the RDP client printed. */
  texts?: () => Record<string, string>;
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function readFrom(path: string, offset: number): string {
  if (!existsSync(path)) return '';
  const length = sizeOf(path) - offset;
  if (length <= 0) return '';
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/**
 * When a desktop test of this file fails, its report holds what is needed to see why without running it again:
 * what the session host's agent, xrdp and sesman logged during the test (attached whole, its last lines printed
 * with the failure), the picture of any other X screen the test uses, and the test's own texts. The browser's
 * page is photographed by Playwright itself (`screenshot: 'only-on-failure'`).
 */
export function keepDesktopEvidence(dataDir: string, evidence: Evidence = {}): void {
  const logs = HOST_LOGS.map((name) => ({ name, path: join(resolve(root, dataDir), 'logs', name) }));
  const offsets = new Map<string, number>();

  test.beforeEach(() => {
    for (const log of logs) offsets.set(log.name, sizeOf(log.path));
  });

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads which fixtures a hook wants from this pattern.
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) return;
    for (const log of logs) {
      const text = readFrom(log.path, offsets.get(log.name) ?? 0);
      if (!text) continue;
      await testInfo.attach(log.name, { body: text, contentType: 'text/plain' });
      const tail = text.trimEnd().split('\n').slice(-PRINTED_LINES).join('\n');
      console.error(`--- ${log.name}, its last ${PRINTED_LINES} lines during the test ---\n${tail}`);
    }
    for (const [name, text] of Object.entries(evidence.texts?.() ?? {})) {
      await testInfo.attach(name, { body: text, contentType: 'text/plain' });
      console.error(`--- ${name} ---\n${text.trimEnd().split('\n').slice(-PRINTED_LINES).join('\n')}`);
    }
    const display = evidence.display?.();
    if (display) {
      const picture = testInfo.outputPath(`screen-${display}.png`);
      await run('import', ['-display', `:${display}`, '-window', 'root', picture]).then(
        () => testInfo.attach(`X screen :${display}`, { path: picture, contentType: 'image/png' }),
        (error: Error) => console.error(`no picture of X screen :${display}: ${error.message}`),
      );
    }
  });
}
