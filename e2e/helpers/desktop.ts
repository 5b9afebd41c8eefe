import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import type { Account } from './accounts.js';
import type { Authenticator } from './authenticator.js';
import { inviteUser } from './invitations.js';
import { linkAccount, logIn } from './journeys.js';
import { mona } from './mona-cli.js';
import { root } from './servers.js';

const run = promisify(execFile);
const PASSWORD = 'Desktop-Researcher-2026';

/** The desktop's framebuffer size (desktop.geometry). */
export const SCREEN = { width: 1280, height: 800 };

/** Desktops need root: the local session host runs only then. */
export const asRoot = process.getuid?.() === 0;

/**
 * A researcher of P0001 with the terms accepted before this login (R10), logged in: invited by the
 * operator, made a member, linked to one-time passwords, then logged in again.
 */
export async function desktopResearcher(
  page: Page,
  dataDir: string,
  username: string,
): Promise<{ account: Account; app: Authenticator }> {
  const invitation = await inviteUser(dataDir, username, `Desktop ${username}`);
  await mona(['admin', 'project', 'add-member', 'P0001', username], dataDir);
  const linked = await linkAccount(page, invitation, PASSWORD);
  await logIn(page, linked.account, linked.app);
  return linked;
}

/** From the Remote Desktop page, "Open in browser", until the desktop shows. */
export async function openViewer(page: Page): Promise<void> {
  await page.goto('/desktop');
  await page.getByRole('link', { name: 'Open in browser' }).click();
  await expect(page).toHaveURL('/desktop/view');
  await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
}

/** How many distinct colours a sample of the viewer's canvas holds: a blank screen has one or two. */
export async function screenColours(page: Page): Promise<number> {
  return page
    .getByTestId('desktop-screen')
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) {
        colours.add(((data[i] as number) << 16) | ((data[i + 1] as number) << 8) | (data[i + 2] as number));
      }
      return colours.size;
    });
}

export interface DesktopState {
  display: number;
  runtimeDir: string;
  /** As the host sees it; the desktop's namespaces are its. */
  xvncPid: number;
  uid: number;
  gid: number;
}

/** Where the local session host of a `mona start` on `dataDir` keeps its desktops (see runtime/local-host.ts). */
function runtimeRoot(dataDir: string): string {
  return `/run/mona/${createHash('sha256').update(resolve(root, dataDir)).digest('hex').slice(0, 12)}`;
}

export function desktopState(dataDir: string, sessionId: string): DesktopState {
  return JSON.parse(readFileSync(`${runtimeRoot(dataDir)}/${sessionId}.json`, 'utf8')) as DesktopState;
}

export function desktopExists(dataDir: string, sessionId: string): boolean {
  return existsSync(`${runtimeRoot(dataDir)}/${sessionId}.json`);
}

function xEnv(state: DesktopState) {
  return { ...process.env, DISPLAY: `:${state.display}`, XAUTHORITY: `${state.runtimeDir}/Xauthority` };
}

/** One of the host's X programs, run where the desktop's X socket is: in its own /tmp and network. */
function runInX(state: DesktopState, command: string[]) {
  const enter = [`--target=${state.xvncPid}`, '--mount', '--net', '--'];
  return run('nsenter', [...enter, ...command], { env: xEnv(state) });
}

/** The user's home inside the desktop, from the desktop's own /etc/passwd (it names the user by login name). */
async function homeInDesktop(state: DesktopState): Promise<string> {
  const passwd = readFileSync(
    join(dirname(state.runtimeDir), `${basename(state.runtimeDir)}.control`, 'passwd'),
    'utf8',
  );
  const own = passwd.split('\n').find((line) => line.split(':')[2] === String(state.uid));
  if (!own) throw new Error(`no account of uid ${state.uid} in the desktop's /etc/passwd`);
  return own.split(':')[5] as string;
}

/**
 * A shell command run as the desktop's user inside the desktop, as its own programs run (its namespaces, its
 * root, its groups), in My Documents; what it prints, errors included.
 */
export async function runInDesktop(state: DesktopState, script: string): Promise<string> {
  const enter = [`--target=${state.xvncPid}`, '--mount', '--ipc', '--net', '--pid', '--root', '--'];
  const asUser = ['setpriv', `--reuid=${state.uid}`, `--regid=${state.gid}`, '--init-groups', '--'];
  const { stdout } = await run(
    'nsenter',
    [...enter, ...asUser, '/bin/sh', '-c', `cd "$HOME" && { ${script}; } 2>&1`],
    { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: await homeInDesktop(state) } },
  );
  return stdout;
}

/** Waits until a window with this title is on the desktop's screen. */
export async function windowShown(state: DesktopState, title: string, timeoutMs = 15_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(200)) {
    const found = await runInX(state, ['xdotool', 'search', '--onlyvisible', '--name', title]).then(
      () => true,
      () => false,
    );
    if (found) return;
  }
  throw new Error(`no window "${title}" within ${timeoutMs} ms`);
}

async function xdotool(state: DesktopState, args: string[]): Promise<string> {
  return (await runInX(state, ['xdotool', ...args])).stdout.trim();
}

/** Where the desktop's own pointer is, on its X display. */
export async function desktopPointer(state: DesktopState): Promise<{ x: number; y: number }> {
  const shell = await xdotool(state, ['getmouselocation', '--shell']);
  const value = (name: string) => Number(new RegExp(`^${name}=(\\d+)`, 'm').exec(shell)?.[1]);
  return { x: value('X'), y: value('Y') };
}

/**
 * Brings a window of the desktop to the front, as its taskbar button would (openbox places windows so that
 * others may cover any part of it), then clicks it through the viewer near its top left corner, until the
 * desktop says it is the active window: a window that maps late may take the focus from the first click.
 */
export async function clickWindow(page: Page, state: DesktopState, windowClass: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    // A desktop just started may not have mapped the window yet: xdotool then finds nothing and fails.
    const found = await xdotool(state, ['search', '--onlyvisible', '--class', windowClass]).catch(() => '');
    if (!found) {
      await sleep(500);
      continue;
    }
    const ids = found.split('\n');
    const id = ids[0] as string;
    await xdotool(state, ['windowactivate', '--sync', id]).catch(() => '');
    const geometry = await xdotool(state, ['getwindowgeometry', '--shell', id]);
    const value = (name: string) => Number(new RegExp(`^${name}=(\\d+)`, 'm').exec(geometry)?.[1]);
    await clickDesktopAt(page, value('X') + 20, value('Y') + 10);
    await sleep(300);
    const active = await xdotool(state, ['getactivewindow']).catch(() => '');
    if (ids.includes(active)) return;
  }
  throw new Error(`the ${windowClass} window did not become active`);
}

/** How many windows of this class the desktop shows. */
async function visibleWindows(state: DesktopState, windowClass: string): Promise<number> {
  const found = await xdotool(state, ['search', '--onlyvisible', '--class', windowClass]).catch(() => '');
  return found ? found.split('\n').length : 0;
}

/** Clicks Start, at the bottom left, through the viewer, and waits until its menu (a window of the panel's) shows. */
export async function openStartMenu(page: Page, state: DesktopState): Promise<void> {
  const before = await visibleWindows(state, 'lxpanel');
  await clickDesktopAt(page, 40, SCREEN.height - 15);
  await expect.poll(() => visibleWindows(state, 'lxpanel'), { timeout: 10_000 }).toBeGreaterThan(before);
}

/** Clicks a point of the desktop's screen (in its own pixels) through the viewer. */
export async function clickDesktopAt(page: Page, x: number, y: number): Promise<void> {
  const box = await page.getByTestId('desktop-screen').locator('canvas').boundingBox();
  if (!box) throw new Error('the desktop is not on the page');
  const scale = box.width / SCREEN.width;
  await page.mouse.click(box.x + x * scale, box.y + y * scale);
}

/** Types a command line into the focused terminal of the desktop. */
export async function typeCommand(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** Waits for a file that a command in the desktop writes (whole: written elsewhere, then moved), and answers its content. */
export async function fileWritten(path: string, timeoutMs = 15_000): Promise<string> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(200)) {
    if (existsSync(path)) {
      const content = readFileSync(path, 'utf8');
      if (content.endsWith('\n')) return content;
    }
  }
  throw new Error(`${path} was not written within ${timeoutMs} ms`);
}

/** The API's view of the user's desktop session, from the page's own cookies. */
export async function desktopStatus(page: Page): Promise<{
  session: null | {
    id: string;
    state: string;
    connected: boolean;
    host: string;
    disconnectedSince: string | null;
  };
  lastEnded: null | { endedAt: string; reason: string };
}> {
  const response = await page.request.get('/api/desktop');
  return response.json();
}
