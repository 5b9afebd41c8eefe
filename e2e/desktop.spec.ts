import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { unixUserName } from '../src/storage/unix-accounts.js';
import { expect, test } from './fixtures.js';
import { uniqueUsername } from './helpers/accounts.js';
import {
  asRoot,
  clickWindow,
  type DesktopState,
  desktopExists,
  desktopResearcher,
  desktopState,
  desktopStatus,
  fileWritten,
  openStartMenu,
  openViewer,
  runInDesktop,
  screenColours,
  typeCommand,
  windowShown,
} from './helpers/desktop.js';
import { keepDesktopEvidence } from './helpers/diagnostics.js';
import { mona } from './helpers/mona-cli.js';
import { mainServer, root } from './helpers/servers.js';

// Desktops run only where mona runs as root, as npm test and CI do: say so rather than pass by skipping.
test.beforeAll(() => {
  if (!asRoot)
    throw new Error('the desktop tests need root: Unix accounts, namespaces and Xvnc (run npm test as root)');
});

keepDesktopEvidence(mainServer.dataDir);

const vault = resolve(root, mainServer.dataDir, 'vault');
const gem = `${vault}/projects/P0001/P0001_Gem`;
/** The same folder as the desktop sees it. */
const DESKTOP_GEM = '/projects/P0001/P0001_Gem';
const users: string[] = [];

test.afterAll(async () => {
  for (const username of users) {
    await mona(['admin', 'desktop', 'end', username], mainServer.dataDir).catch(() => {});
  }
});

test('a desktop in the browser: real, shared folders, no network, resumed after closing the tab, ended by Log out', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const username = uniqueUsername('desk');
  users.push(username);
  const tag = username.replace(/\W/g, '');
  await desktopResearcher(page, mainServer.dataDir, username);
  const other = ['--id', 'P0777', '--name', 'Someone else', '--org', 'Demo University'];
  await mona(['admin', 'project', 'create', ...other], mainServer.dataDir).catch((error: Error) => {
    if (!/exists already/.test(error.message)) throw error;
  });

  await openViewer(page);
  const { session } = await desktopStatus(page);
  expect(session).toMatchObject({ state: 'running', connected: true, host: 'local' });
  const state = desktopState(mainServer.dataDir, session?.id as string);

  await test.step('the screen shows the desktop, not a blank picture, with the welcome window (R18)', async () => {
    await windowShown(state, 'Welcome to MONA');
    await expect.poll(() => screenColours(page), { timeout: 15_000 }).toBeGreaterThan(20);
  });

  await test.step('typing in the terminal makes a file in the project folder that the vault holds', async () => {
    await clickWindow(page, state, 'xterm');
    await typeCommand(page, `cd ~/P0001_*/P0001_Gem && echo $$ > shell-${tag}.txt`);
    expect(await fileWritten(`${gem}/shell-${tag}.txt`)).toMatch(/^\d+\n$/);
  });

  await test.step('nothing in the desktop reaches the network, not even the host', async () => {
    await typeCommand(
      page,
      `python3 -c "import socket; socket.create_connection(('127.0.0.1', ${mainServer.port}), 3)" 2> n.tmp; echo "exit $?" >> n.tmp; mv n.tmp net-${tag}.txt`,
    );
    const outcome = await fileWritten(`${gem}/net-${tag}.txt`);
    // The desktop's loopback is its own: nothing listens there.
    expect(outcome).toMatch(/Connection refused|Network is unreachable/);
    expect(outcome).toContain('exit 1');
  });

  await test.step("another project's folder cannot be read", async () => {
    await typeCommand(
      page,
      `ls /projects/P0777 > o.tmp 2>&1; echo "exit $?" >> o.tmp; mv o.tmp other-${tag}.txt`,
    );
    const outcome = await fileWritten(`${gem}/other-${tag}.txt`);
    expect(outcome).toContain('Permission denied');
    expect(outcome).toContain('exit 2');
  });

  await test.step('closing the tab keeps the session; opening it again finds the same shell', async () => {
    await page.close();
    const again = await context.newPage();
    await expect
      .poll(async () => (await desktopStatus(again)).session?.connected, { timeout: 40_000 })
      .toBe(false);
    await again.goto('/portal');
    await expect(again.getByText(/disconnected since/)).toBeVisible();
    await again.goto('/desktop');
    await expect(again.getByText(/disconnected since/)).toBeVisible();
    await openViewer(again);
    expect((await desktopStatus(again)).session?.id).toBe(session?.id);
    await clickWindow(again, state, 'xterm');
    await typeCommand(again, `echo $$ > shell-again-${tag}.txt`);
    const before = await fileWritten(`${gem}/shell-${tag}.txt`);
    expect(await fileWritten(`${gem}/shell-again-${tag}.txt`)).toBe(before);

    await test.step('Log out in the start menu ends the session and its programs', async () => {
      // Log out is the menu's last entry.
      await openStartMenu(again, state);
      await again.keyboard.press('ArrowUp');
      await again.keyboard.press('Enter');
      await expect(again.locator('[data-state]')).toHaveAttribute('data-state', 'ended', { timeout: 15_000 });
      // The screen says why, as the platform recorded it, and offers only the ways on.
      await expect(
        again.getByText('you logged out of the desktop, or ended the session from the portal'),
      ).toBeVisible();
      await expect(again.getByRole('button', { name: 'Start a new session' })).toBeFocused();
      await expect(again.getByRole('link', { name: 'Back to the portal' })).toBeVisible();
      for (const gone of ['Full screen', 'Disconnect'])
        await expect(again.getByRole('button', { name: gone })).toHaveCount(0);
      await expect(again.getByLabel('Keyboard')).toHaveCount(0);
      expect((await desktopStatus(again)).session).toBeNull();
      expect((await desktopStatus(again)).lastEnded).toMatchObject({ reason: 'logout' });
      await expect.poll(() => desktopExists(mainServer.dataDir, session?.id as string)).toBe(false);
    });
  });
});

// Only the network used to be a desktop's own: rows copied to /tmp in one project's desktop could be read
// in another's, past the airlock.
test("desktops are kept apart: one's /tmp, /dev/shm and processes are not another's, and the host's folders are not in them", async ({
  page,
  secondPage,
}) => {
  test.setTimeout(180_000);
  const [first, second] = [uniqueUsername('apart'), uniqueUsername('apart')];
  users.push(first, second);
  const tag = first.replace(/\W/g, '');
  await desktopResearcher(page, mainServer.dataDir, first);
  await desktopResearcher(secondPage, mainServer.dataDir, second);
  await openViewer(page);
  await openViewer(secondPage);
  const states = await Promise.all(
    [page, secondPage].map(async (each) =>
      desktopState(mainServer.dataDir, (await desktopStatus(each)).session?.id as string),
    ),
  );
  const [mine, theirs] = states as [DesktopState, DesktopState];

  await test.step('rows written to /tmp and /dev/shm in the terminal stay in that desktop', async () => {
    await windowShown(mine, 'Welcome to MONA');
    await clickWindow(page, mine, 'xterm');
    await typeCommand(
      page,
      `echo rows > /tmp/rows-${tag}.csv && echo rows > /dev/shm/rows-${tag} && ls /tmp /dev/shm > ~/t.tmp; mv ~/t.tmp ~/tmp-${tag}.txt`,
    );
    const home = `${vault}/home/${first}/My Documents`;
    expect(await fileWritten(`${home}/tmp-${tag}.txt`)).toContain(`rows-${tag}.csv`);
    const seen = await runInDesktop(theirs, 'ls -A /tmp /dev/shm; cat /tmp/rows-* /dev/shm/rows-*; true');
    expect(seen).not.toContain(`rows-${tag}`);
    expect(seen).toMatch(/No such file/);
    expect(existsSync(`/tmp/rows-${tag}.csv`)).toBe(false);
  });

  await test.step('ps shows only the desktop’s own processes', async () => {
    const processes = await runInDesktop(theirs, 'ps -e -o uid=,comm=');
    const lines = processes
      .trim()
      .split('\n')
      .map((line) => line.trim());
    expect(lines.filter((line) => /\sXvnc$/.test(line))).toHaveLength(1);
    // Its user's, and the sandbox's init (root's, without any capability).
    const owners = new Set(lines.map((line) => Number(line.split(/\s+/)[0])));
    expect([...owners].sort()).toEqual([0, theirs.uid].sort());
    expect(lines.filter((line) => line.startsWith('0 '))).toEqual([expect.stringMatching(/^0\s+bwrap$/)]);
    expect(processes).not.toMatch(/\bnode\b|postgres|chrom/);
  });

  await test.step('the host’s folders are not there: no data dir, no vault, no other desktop', async () => {
    const dataDir = resolve(root, mainServer.dataDir);
    const missing = await runInDesktop(theirs, `ls -d ${dataDir} ${vault} /home/${first}; true`);
    expect(missing.match(/No such file or directory/g)).toHaveLength(3);
    // Only its own home, and of the sessions' runtime folders only its own two.
    // Named by the login name, as the user is in there.
    expect(await runInDesktop(theirs, 'ls /home; whoami')).toBe(`${second}\n${second}\n`);
    const runtime = await runInDesktop(theirs, `ls -A ${dirname(theirs.runtimeDir)}`);
    expect(runtime.trim().split('\n').sort()).toEqual(
      [basename(theirs.runtimeDir), `${basename(theirs.runtimeDir)}.control`].sort(),
    );
    const top = (await runInDesktop(theirs, 'ls /')).trim().split('\n');
    expect(top).toEqual(expect.arrayContaining(['etc', 'home', 'projects', 'tmp', 'usr']));
    expect(top).not.toContain('root');
    // My Documents is HOME, and the project is where its shortcut leads.
    const home = await runInDesktop(theirs, 'pwd; cd P0001_* && pwd -P && ls');
    expect(home.split('\n').slice(0, 2)).toEqual([`/home/${second}/My Documents`, '/projects/P0001']);
    expect(home).toContain('P0001_Gem');
  });
});

test('a desktop opened in Swedish is Swedish, and greets with the notices once, centred (R18)', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const username = uniqueUsername('sv');
  users.push(username);
  await desktopResearcher(page, mainServer.dataDir, username);
  const notice = ['admin', 'notice', 'add', '--en', 'Maintenance on Friday', '--sv', 'Underhåll på fredag'];
  const id = /added notice (\S+)/.exec(await mona(notice, mainServer.dataDir))?.[1] as string;
  try {
    // Chosen in the portal, while the browser itself asks for English.
    await page.goto('/portal');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.goto('/desktop/view');
    await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'connected', {
      timeout: 30_000,
    });
    const { session } = await desktopStatus(page);
    const state = desktopState(mainServer.dataDir, session?.id as string);

    await windowShown(state, 'lkommen till MONA');
    const welcome = JSON.parse(readFileSync(`${state.runtimeDir}/welcome.json`, 'utf8'));
    expect(welcome.notices).toContainEqual(expect.objectContaining({ text: 'Underhåll på fredag' }));
    const panel = readFileSync(`${state.runtimeDir}/config/lxpanel/mona/panels/panel`, 'utf8');
    expect(panel).toContain('Logga ut');
    // The programs run under a Swedish locale, so that their own menus are Swedish.
    expect(
      await runInDesktop(state, 'tr "\\0" "\\n" < /proc/"$(pgrep -x pcmanfm)"/environ | grep ^LANG='),
    ).toBe('LANG=sv_SE.UTF-8\n');
    expect(await runInDesktop(state, 'whoami')).toBe(`${username}\n`);
    await expect.poll(() => screenColours(page), { timeout: 15_000 }).toBeGreaterThan(20);
    // For a look at the welcome window and the panel: test-results/<this test>/swedish-desktop.png.
    await page.getByTestId('desktop-screen').screenshot({ path: testInfo.outputPath('swedish-desktop.png') });
  } finally {
    await mona(['admin', 'notice', 'remove', id], mainServer.dataDir);
  }
});

test('a ticket opens one connection only', async ({ page }) => {
  test.setTimeout(120_000);
  const username = uniqueUsername('ticket');
  users.push(username);
  await desktopResearcher(page, mainServer.dataDir, username);
  await page.goto('/desktop');
  const codes = await page.evaluate(async () => {
    const token = (await (await fetch('/api/csrf-token')).json()).token as string;
    const opened = await (
      await fetch('/api/desktop/open', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: '{}',
      })
    ).json();
    const url = `ws://${location.host}${opened.websocketPath}`;
    const firstOutcome = await new Promise<string>((done) => {
      const first = new WebSocket(url);
      first.onmessage = () => {
        first.close(1000);
        done('greeted');
      };
      first.onclose = (event) => done(`closed ${event.code}`);
    });
    const secondOutcome = await new Promise<string>((done) => {
      const second = new WebSocket(url);
      second.onmessage = () => done('greeted');
      second.onclose = (event) => done(`closed ${event.code}`);
    });
    return [firstOutcome, secondOutcome];
  });
  expect(codes).toEqual(['greeted', 'closed 4003']);
});

/** A second session host beside the local one: `mona host-agent` as an operator runs it on another machine. */
class SecondHost {
  private agent: ChildProcess | null = null;
  readonly secretFile = `${tmpdir()}/mona-e2e-second-${process.pid}.secret`;

  async add(): Promise<void> {
    await rm(this.secretFile, { force: true });
    await mona(['admin', 'host', 'add', 'second', '--secret-file', this.secretFile], mainServer.dataDir);
  }

  /** Starts its agent and waits until the platform has it up. */
  async start(): Promise<void> {
    this.agent = spawn(
      process.execPath,
      ['dist/cli/main.js', 'host-agent', '--data-dir', mainServer.dataDir],
      {
        cwd: root,
        stdio: 'ignore',
        env: {
          ...process.env,
          MONA_HOST_AGENT__NAME: 'second',
          MONA_HOST_AGENT__PLATFORM_URL: mainServer.baseURL,
          MONA_HOST_AGENT__SECRET_FILE: this.secretFile,
          MONA_HOST_AGENT__LISTEN_PORT: '0',
          MONA_HOST_AGENT__HEARTBEAT_SECONDS: '2',
          MONA_HOST_AGENT__RUNTIME_DIR: SECOND_RUNTIME,
        },
      },
    );
    await expect
      .poll(async () => mona(['admin', 'host', 'list'], mainServer.dataDir), { timeout: 20_000 })
      .toMatch(/^second {2}up /m);
  }

  /** The agent dies at once, as in a crash; its desktops go on. */
  kill(): void {
    this.agent?.kill('SIGKILL');
    this.agent = null;
  }
}

const SECOND_RUNTIME = '/run/mona/e2e-second';

// A pool of hosts: a new desktop goes where there is room; an agent that dies and comes back adopts its
// desktops, and the viewer finds its way back to the same session by itself.
test('two session hosts in a pool, and an agent that crashes and restarts', async ({ page, pageErrors }) => {
  test.setTimeout(240_000);
  const second = new SecondHost();
  const username = uniqueUsername('pool');
  users.push(username);
  const tag = username.replace(/\W/g, '');
  try {
    await second.add();
    await second.start();
    // The local host takes no new sessions for now, so the next one must go to the second host.
    await mona(['admin', 'host', 'disable', 'local'], mainServer.dataDir);
    await desktopResearcher(page, mainServer.dataDir, username);
    await openViewer(page);
    const { session } = await desktopStatus(page);
    expect(session?.host).toBe('second');
    const state = JSON.parse(readFileSync(`${SECOND_RUNTIME}/${session?.id}.json`, 'utf8'));
    await windowShown(state, 'Welcome to MONA');
    await clickWindow(page, state, 'xterm');
    await typeCommand(page, `cd ~/P0001_*/P0001_Gem && echo $$ > pool-${tag}.txt`);
    const shell = await fileWritten(`${gem}/pool-${tag}.txt`);

    second.kill();
    await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'reconnecting', {
      timeout: 15_000,
    });
    await second.start();
    await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'connected', {
      timeout: 60_000,
    });
    expect((await desktopStatus(page)).session?.id).toBe(session?.id);
    await clickWindow(page, state, 'xterm');
    await typeCommand(page, `echo $$ > pool-again-${tag}.txt`);
    expect(await fileWritten(`${gem}/pool-again-${tag}.txt`)).toBe(shell);
    // noVNC logs each attempt that found the host down; those were the point of this test.
    const hostDown =
      /^console: Failed when connecting: Connection closed \(code: 4500, reason: session host unreachable\)/;
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((error) => !hostDown.test(error)));
  } finally {
    await mona(['admin', 'host', 'enable', 'local'], mainServer.dataDir);
    await mona(['admin', 'desktop', 'end', username], mainServer.dataDir).catch(() => {});
    second.kill();
    await mona(['admin', 'host', 'disable', 'second'], mainServer.dataDir).catch(() => {});
  }
});

// Removing a member closes the project to them at once, also in the desktop they have open.
test('a member removed from the project loses its folder at once, even in an open desktop', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const username = uniqueUsername('leave');
  users.push(username);
  const tag = username.replace(/\W/g, '');
  await desktopResearcher(page, mainServer.dataDir, username);
  await openViewer(page);
  const { session } = await desktopStatus(page);
  const state = desktopState(mainServer.dataDir, session?.id as string);
  await windowShown(state, 'Welcome to MONA');
  await clickWindow(page, state, 'xterm');
  // A program working inside the project, and a look at the folder while still a member.
  await typeCommand(page, '(cd ~/P0001_*/P0001_Gem && exec sleep 600) &');
  // The answers go to My Documents, where the test reads them: the desktop's /tmp is its own.
  const home = `${vault}/home/${username}/My Documents`;
  await typeCommand(page, `ls -d ${DESKTOP_GEM} > ~/lb.tmp 2>&1; mv ~/lb.tmp ~/leave-before-${tag}.txt`);
  expect(await fileWritten(`${home}/leave-before-${tag}.txt`)).toContain('P0001_Gem');
  const account = unixUserName(username);
  await expect.poll(() => pgrep(account, 'sleep')).toBe(true);

  await mona(['admin', 'project', 'remove-member', 'P0001', username], mainServer.dataDir);

  await expect.poll(() => pgrep(account, 'sleep')).toBe(false);
  await typeCommand(
    page,
    `ls ${DESKTOP_GEM} > ~/la.tmp 2>&1; echo "exit $?" >> ~/la.tmp; mv ~/la.tmp ~/leave-after-${tag}.txt`,
  );
  const after = await fileWritten(`${home}/leave-after-${tag}.txt`);
  expect(after).toContain('Permission denied');
  expect(after).toContain('exit 2');
  expect(existsSync(`${vault}/home/${username}/My Documents/P0001_Demo_register_study`)).toBe(false);
});

/** Whether the account runs a program of that name. */
function pgrep(account: string, name: string): boolean {
  try {
    execFileSync('pgrep', ['-u', account, '-x', name]);
    return true;
  } catch {
    return false;
  }
}
