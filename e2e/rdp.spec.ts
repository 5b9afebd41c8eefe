import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import { verifiesWithOpenssl } from '../test/rdp-signature.js';
import type { XServer } from '../test/x-server.js';
import { expect, test } from './fixtures.js';
import { uniqueUsername } from './helpers/accounts.js';
import {
  asRoot,
  clickWindow,
  type DesktopState,
  desktopResearcher,
  desktopState,
  desktopStatus,
  fileWritten,
  openViewer,
  typeCommand,
  windowShown,
} from './helpers/desktop.js';
import { keepDesktopEvidence } from './helpers/diagnostics.js';
import { mona } from './helpers/mona-cli.js';
import {
  clientScreenColours,
  downloadRdpFile,
  inputReachesDesktop,
  openWithFreeRdp,
  type RdpClient,
  startXvfb,
  typeIntoClient,
} from './helpers/rdp.js';
import { mainServer, root } from './helpers/servers.js';

const gem = resolve(root, mainServer.dataDir, 'vault/projects/P0001/P0001_Gem');
let screen: XServer;
let dir: string;
const users: string[] = [];
/** The RDP client of the step under way, whose output goes with a failure's report. */
let client: RdpClient | null = null;

keepDesktopEvidence(mainServer.dataDir, {
  display: () => screen?.display,
  texts: (): Record<string, string> => (client ? { 'xfreerdp output': client.output() } : {}),
});

test.beforeAll(async () => {
  if (!asRoot)
    throw new Error(
      'the RDP tests need root: the session host runs xrdp and desktops (run npm test as root)',
    );
  screen = await startXvfb();
  dir = await mkdtemp(join(tmpdir(), 'mona-rdp-e2e-'));
});

test.afterAll(async () => {
  screen?.child.kill();
  for (const username of users)
    await mona(['admin', 'desktop', 'end', username], mainServer.dataDir).catch(() => {});
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * A client the gateway turned away with this MS-TSGU error, as FreeRDP reports it: it gives up on its own and
 * the session never connects.
 */
async function refused(page: Page, opened: RdpClient, error: string): Promise<void> {
  client = opened;
  const code = await client.exited;
  expect(opened.output()).toContain(error);
  expect(code, opened.output()).not.toBe(0);
  expect(code, 'xfreerdp was still trying after 60 s').not.toBe(124);
  expect((await desktopStatus(page)).session?.connected).toBe(false);
}

test('an RDP file opens the same desktop in FreeRDP, once, and only as it was signed and in time', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const username = uniqueUsername('rdp');
  users.push(username);
  const tag = username.replace(/\W/g, '');
  await desktopResearcher(page, mainServer.dataDir, username);

  let shell = '';
  let state: DesktopState;
  await test.step('a terminal started in the browser', async () => {
    await openViewer(page);
    const { session } = await desktopStatus(page);
    state = desktopState(mainServer.dataDir, session?.id as string);
    await windowShown(state, 'Welcome to MONA');
    await clickWindow(page, state, 'xterm');
    await typeCommand(page, `cd ~/P0001_*/P0001_Gem && echo $$ > browser-${tag}.txt`);
    shell = await fileWritten(`${gem}/browser-${tag}.txt`);
    await page.goto('/desktop');
    await expect
      .poll(async () => (await desktopStatus(page)).session?.connected, { timeout: 15_000 })
      .toBe(false);
  });

  await test.step('the page says how to open the file on each system and with all monitors (R16)', async () => {
    await page.getByRole('link', { name: 'How to open the RDP file on Windows, macOS and Linux' }).click();
    await expect(page).toHaveURL('/help/rdp');
    for (const heading of ['Windows', 'macOS', 'Linux', 'Using all your monitors']) {
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    }
    await expect(page.getByText('change the line use multimon:i:0 to use multimon:i:1')).toBeVisible();
  });

  const file = await downloadRdpFile(page, dir);
  await test.step('the file is named launch<8 hex>.rdp and signed; the signature survives use multimon:i:1 (R16)', async () => {
    expect(file.name).toMatch(/^launch[0-9a-f]{8}\.rdp$/);
    expect(verifiesWithOpenssl(dir, file.content)).toBe(true);
    const allMonitors = file.content.replace('use multimon:i:0', 'use multimon:i:1');
    expect(allMonitors).not.toBe(file.content);
    expect(verifiesWithOpenssl(dir, allMonitors)).toBe(true);
    expect(
      verifiesWithOpenssl(dir, file.content.replace('full address:s:local:', 'full address:s:elsewhere:')),
    ).toBe(false);
  });

  /**
   * xfreerdp shows the desktop, and typing `echo $$` in it writes the browser's shell's PID: the same shell,
   * in the same folder, one session reached two ways. Typing waits until the client's pointer moves the
   * desktop's, which shows that input gets through. Then the client is closed and the session disconnected.
   */
  const reachesTheShell = async (path: string, name: string, options: string[] = []) => {
    const opened = openWithFreeRdp(path, screen, options);
    client = opened;
    try {
      await expect
        .poll(async () => (await desktopStatus(page)).session?.connected, { timeout: 30_000 })
        .toBe(true);
      await expect.poll(() => clientScreenColours(screen), { timeout: 20_000 }).toBeGreaterThan(20);
      await inputReachesDesktop(screen, state);
      await typeIntoClient(screen, `echo $$ > ${name}-${tag}.txt`);
      expect(await fileWritten(`${gem}/${name}-${tag}.txt`)).toBe(shell);
    } finally {
      opened.child.kill();
      await opened.exited;
    }
    await expect
      .poll(async () => (await desktopStatus(page)).session?.connected, { timeout: 15_000 })
      .toBe(false);
  };

  await test.step('xfreerdp shows the desktop, and the browser’s terminal is there', async () => {
    await reachesTheShell(file.path, 'rdp');
  });

  await test.step('a client without WebSocket support connects over the HTTP transport’s two connections', async () => {
    const legacy = await downloadRdpFile(page, dir);
    await reachesTheShell(legacy.path, 'http', ['/gt:http,no-websockets']);
  });

  await test.step('the same file again is refused', async () => {
    await refused(page, openWithFreeRdp(file.path, screen), 'E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED');
  });

  await test.step('a file whose target was edited is refused', async () => {
    const edited = await downloadRdpFile(page, dir);
    const retargeted = edited.content.replaceAll(':s:local:3389', ':s:elsewhere.example:3389');
    expect(retargeted).not.toBe(edited.content);
    await writeFile(edited.path, retargeted);
    // The channel may go only to the grant's host and port.
    await refused(page, openWithFreeRdp(edited.path, screen), 'E_PROXY_RAP_ACCESSDENIED');
  });

  await test.step('an expired file is refused', async () => {
    const late = await downloadRdpFile(page, dir);
    await sleep((mainServer.rdpFileSeconds + 1) * 1000);
    await refused(page, openWithFreeRdp(late.path, screen), 'E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED');
  });
});
