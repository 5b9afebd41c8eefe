// The browser desktop, measured in Debian's Chromium against `mona start` on this machine (as root):
// from clicking "Open in browser" to the first frame of the desktop on the page, for a new session and for
// a resumed one, and the memory of an idle session.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from '@playwright/test';
import { demoAccount } from '../e2e/helpers/accounts.js';
import { Authenticator } from '../e2e/helpers/authenticator.js';
import { logIn } from '../e2e/helpers/journeys.js';
import { cleanUpOnInterrupt, startMona } from './mona-start.js';

export async function benchBrowser(rounds: number): Promise<void> {
  const { base, dataDir, runtimeRoot, mona, stop } = await startMona('desktop');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  const cleanUp = cleanUpOnInterrupt(async () => {
    await browser.close();
    try {
      mona('admin', 'desktop', 'end', 'demo.researcher');
    } catch {
      // No session left.
    }
    await stop();
  });

  /** Milliseconds from the click to the first frame with the desktop on it (more than a blank screen). */
  async function openAndTime(page: Page): Promise<number> {
    await page.goto(`${base}/desktop`);
    const link = page.getByRole('link', { name: 'Open in browser' });
    await link.waitFor();
    const started = performance.now();
    await link.click();
    await page.waitForFunction(
      () => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="desktop-screen"] canvas');
        const context = canvas?.getContext('2d');
        if (!canvas || !context || canvas.width < 100) return false;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        const colours = new Set<number>();
        for (let i = 0; i < data.length && colours.size <= 20; i += 4 * 97) {
          colours.add(((data[i] as number) << 16) | ((data[i + 1] as number) << 8) | (data[i + 2] as number));
        }
        return colours.size > 20;
      },
      null,
      { polling: 'raf', timeout: 30_000 },
    );
    return performance.now() - started;
  }

  /** RSS and PSS (shared pages divided among their users) of the session's processes, in kB. */
  async function idleSessionKilobytes(page: Page): Promise<{ rss: number; pss: number }> {
    const sessionId = (await (await page.request.get(`${base}/api/desktop`)).json()).session.id as string;
    const { netnsInode } = JSON.parse(readFileSync(`${runtimeRoot}/${sessionId}.json`, 'utf8'));
    const total = { rss: 0, pss: 0 };
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (statSync(`/proc/${pid}/ns/net`).ino !== netnsInode) continue;
        const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        total.rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
        total.pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      } catch {
        // The process ended meanwhile.
      }
    }
    return total;
  }

  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

  try {
    const account = demoAccount(dataDir, 'demo.researcher');
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
    let page = await context.newPage();
    await logIn(page, account, new Authenticator(account.secret));

    const fresh: number[] = [];
    const resumed: number[] = [];
    let memory = { rss: 0, pss: 0 };
    for (let round = 0; round < rounds; round += 1) {
      fresh.push(await openAndTime(page));
      await sleep(3000);
      const now = await idleSessionKilobytes(page);
      if (now.pss > memory.pss) memory = now;
      await page.close();
      page = await context.newPage();
      resumed.push(await openAndTime(page));
      await page.close();
      page = await context.newPage();
      mona('admin', 'desktop', 'end', account.username);
    }
    const ms = (values: number[]) =>
      `median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`;
    console.log(`new session, click to first desktop frame:     ${ms(fresh)}   goal < 2000 ms`);
    console.log(`resumed session, click to first desktop frame: ${ms(resumed)}   goal < 1000 ms`);
    const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
    console.log(
      `idle session memory, PSS (RSS):                ${mb(memory.pss)} (${mb(memory.rss)})   goal < 150 MB`,
    );
  } finally {
    await cleanUp();
  }
}
