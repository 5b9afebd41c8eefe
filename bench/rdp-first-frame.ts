// From "Download RDP file" in Debian's Chromium to the desktop's first frame in xfreerdp (under Xvfb), against
// `mona start` on this machine (as root: desktops and xrdp): for a new session and for a resumed one. The frame
// counts once the client's screen shows more than 20 colours; the screen is sampled every few tens of ms.
// Part of npm run bench:rdp.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from '@playwright/test';
import { demoAccount } from '../e2e/helpers/accounts.js';
import { Authenticator } from '../e2e/helpers/authenticator.js';
import { logIn } from '../e2e/helpers/journeys.js';
import { clientScreenColours, openWithFreeRdp, startXvfb } from '../e2e/helpers/rdp.js';
import { findFreePort } from '../src/net/ports.js';
import type { XServer } from '../test/x-server.js';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Milliseconds from the click on Download to the first frame of the desktop in xfreerdp. */
async function downloadToFrame(page: Page, base: string, dir: string, screen: XServer): Promise<number> {
  await page.goto(`${base}/desktop`);
  const button = page.getByRole('button', { name: 'Download RDP file' });
  await button.waitFor();
  const started = performance.now();
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const client = openWithFreeRdp(path, screen);
  try {
    while ((await clientScreenColours(screen)) <= 20) {
      if (client.child.exitCode !== null) throw new Error(`xfreerdp ended: ${client.output()}`);
    }
    return performance.now() - started;
  } finally {
    client.child.kill();
    await client.exited;
  }
}

export async function benchFirstFrame(rounds: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mona-bench-rdp-start-'));
  const port = await findFreePort('127.0.0.1');
  const gatewayPort = await findFreePort('127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    process.execPath,
    ['dist/cli/main.js', 'start', '--data-dir', dataDir, '--port', String(port)],
    {
      stdio: 'ignore',
      env: {
        ...process.env,
        MONA_DEMO__PERSONS: '1000',
        MONA_DESKTOP__RDP__GATEWAY_PORT: String(gatewayPort),
      },
    },
  );
  const endSession = () =>
    execFileSync(
      process.execPath,
      ['dist/cli/main.js', 'admin', 'desktop', 'end', 'demo.researcher', '--data-dir', dataDir],
      {
        stdio: 'ignore',
      },
    );
  const screen = await startXvfb();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    for (
      let tries = 0;
      !(await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      ));
      tries += 1
    ) {
      if (tries > 240) throw new Error('mona start did not come up');
      await sleep(500);
    }
    // The local host reports xrdp a few seconds after the server is ready.
    await sleep(6000);
    const account = demoAccount(dataDir, 'demo.researcher');
    const context = await browser.newContext({ baseURL: base, acceptDownloads: true });
    const page = await context.newPage();
    await logIn(page, account, new Authenticator(account.secret));
    const fresh: number[] = [];
    const resumed: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      fresh.push(await downloadToFrame(page, base, dataDir, screen));
      await sleep(2000);
      resumed.push(await downloadToFrame(page, base, dataDir, screen));
      endSession();
      await sleep(1000);
    }
    const ms = (values: number[]) =>
      `median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`;
    console.log(`new session, download to first frame in xfreerdp:     ${ms(fresh)}`);
    console.log(`resumed session, download to first frame in xfreerdp: ${ms(resumed)}`);
  } finally {
    await browser.close();
    screen.child.kill();
    try {
      endSession();
    } catch {
      // No session left.
    }
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
