import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import { startX, type XServer } from '../../test/x-server.js';
import { type DesktopState, desktopPointer } from './desktop.js';

const run = promisify(execFile);

/** A virtual screen for the RDP client, the size of the desktop. */
export function startXvfb(): Promise<XServer> {
  return startX('Xvfb', ['-nolisten', 'tcp', '-screen', '0', '1280x800x24']);
}

/** From the Remote Desktop page, "Download RDP file": the file as the browser saved it. */
export async function downloadRdpFile(
  page: Page,
  dir: string,
): Promise<{ name: string; path: string; content: string }> {
  await page.goto('/desktop');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download RDP file' }).click();
  const download = await downloading;
  const name = download.suggestedFilename();
  const path = join(dir, name);
  await download.saveAs(path);
  await expect(page.getByText(`${name} is in your downloads`)).toBeVisible();
  return { name, path, content: readFileSync(path, 'utf8') };
}

export interface RdpClient {
  child: ChildProcess;
  /** What it printed, for a failing test's report. */
  output(): string;
  /** Resolves with its exit code. */
  exited: Promise<number | null>;
}

/**
 * Debian's FreeRDP opening a file as a user would, on the virtual screen. It would ask about the
 * self-signed certificates of `mona start`; a user told to trust them answers yes.
 */
export function openWithFreeRdp(file: string, screen: XServer, options: string[] = []): RdpClient {
  let output = '';
  const child = spawn('timeout', ['60', 'xfreerdp', file, '/cert:ignore', ...options], {
    env: { ...process.env, DISPLAY: `:${screen.display}` },
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** How many distinct colours the virtual screen shows: a blank one has one or two. */
export async function clientScreenColours(screen: XServer): Promise<number> {
  const { stdout } = await run('import', [
    '-display',
    `:${screen.display}`,
    '-window',
    'root',
    '-format',
    '%k',
    'info:',
  ]);
  return Number(stdout.trim());
}

/**
 * Waits until input given to the RDP client reaches the desktop, the condition for typing into it: the
 * client's pointer is moved to a new spot on each try, and the desktop's own pointer must arrive there (the
 * client is full screen at the desktop's size, so the spots are the same).
 */
export async function inputReachesDesktop(
  screen: XServer,
  state: DesktopState,
  timeoutMs = 20_000,
): Promise<void> {
  const env = { ...process.env, DISPLAY: `:${screen.display}` };
  let seen = { x: -1, y: -1 };
  for (let attempt = 0, started = Date.now(); Date.now() - started < timeoutMs; attempt += 1) {
    const spot = { x: 400 + ((attempt * 37) % 400), y: 300 + ((attempt * 23) % 200) };
    await run('xdotool', ['mousemove', String(spot.x), String(spot.y)], { env });
    for (let look = 0; look < 10; look += 1) {
      seen = await desktopPointer(state);
      if (seen.x === spot.x && seen.y === spot.y) return;
      await sleep(100);
    }
  }
  throw new Error(
    `the RDP client's pointer never reached the desktop within ${timeoutMs} ms (the desktop's pointer is at ${seen.x},${seen.y}): input does not get through`,
  );
}

/** Types a command line into the RDP client's window, which passes it on to the desktop's focused window. */
export async function typeIntoClient(screen: XServer, line: string): Promise<void> {
  const env = { ...process.env, DISPLAY: `:${screen.display}` };
  const { stdout } = await run('xdotool', ['search', '--onlyvisible', '--class', 'xfreerdp'], { env });
  const window = stdout.trim().split('\n')[0] ?? '';
  await run('xdotool', ['windowfocus', '--sync', window], { env });
  await run('xdotool', ['type', '--delay', '30', line], { env });
  await run('xdotool', ['key', 'Return'], { env });
}
