import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { watch } from '../fixtures.js';
import { uniqueUsername } from '../helpers/accounts.js';
import {
  type DesktopState,
  desktopStatus,
  openViewer,
  runInDesktop,
  screenColours,
} from '../helpers/desktop.js';
import type { Invitation } from '../helpers/invitations.js';
import { linkAccount, logIn } from '../helpers/journeys.js';
import { uniqueFileName } from '../helpers/uploads.js';
import type { Cluster, SessionHost } from './cluster.js';
import { expect, test } from './fixtures.js';
import { whyClusterCannotRun } from './requirements.js';

// The production layout of docs/operations.md: researchers reach two `mona serve` nodes through a proxy,
// and their desktops run on two session hosts; then a node dies, and a host agent dies and comes back.

const cannotRun = whyClusterCannotRun();
test.skip(cannotRun !== null, `the cluster test cannot run here: ${cannotRun}`);
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'Cluster-Researcher-2026';
const RESEARCHERS = 4;

interface Researcher {
  username: string;
  context: BrowserContext;
  /** The desktop viewer, open from the first test on. */
  page: Page;
  errors: string[];
  sessionId: string;
  host: string;
}

const researchers: Researcher[] = [];

// noVNC logs each attempt that found no gateway or no agent; while a node or an agent is down, those are the
// point of the test. Anything else a page logs fails it.
const EXPECTED_WHILE_DOWN = [
  /^console: Failed when connecting: Connection closed \(code: (1006|4500)/,
  /^console: Failed to load resource: the server responded with a status of 502/,
];

function unexpectedErrors(): string[] {
  return researchers.flatMap((researcher) =>
    researcher.errors.filter((error) => !EXPECTED_WHILE_DOWN.some((expected) => expected.test(error))),
  );
}

async function sessionCookie(researcher: Researcher): Promise<string> {
  const cookies = await researcher.context.cookies();
  const cookie = cookies.find((each) => each.name === '__Host-mona-session');
  if (!cookie) throw new Error(`${researcher.username} has no portal session cookie`);
  return cookie.value;
}

/** The node that holds the researcher's desktop connection, as the proxy sees it (null while there is none). */
async function viewerNode(cluster: Cluster, researcher: Researcher): Promise<string | null> {
  const cookie = await sessionCookie(researcher);
  const tunnel = cluster.proxy
    .openTunnels()
    .find((each) => each.sessionCookie === cookie && each.path.startsWith('/api/desktop/vnc'));
  return tunnel?.upstream ?? null;
}

function desktopOf(cluster: Cluster, researcher: Researcher): DesktopState {
  const host = hostNamed(cluster, researcher.host);
  return JSON.parse(readFileSync(join(host.runtimeDir, `${researcher.sessionId}.json`), 'utf8'));
}

function hostNamed(cluster: Cluster, name: string): SessionHost {
  const host = cluster.hosts.find((each) => each.name === name);
  if (!host) throw new Error(`no session host ${name}`);
  return host;
}

/** Whether the process runs, and is that program. */
function runs(pid: number, program: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === program;
  } catch {
    return false;
  }
}

async function viewerState(researcher: Researcher): Promise<string | null> {
  return researcher.page.locator('[data-state]').getAttribute('data-state');
}

/** A researcher invited as an operator does, who links their account, logs in and opens their desktop. */
async function newResearcher(
  browser: Browser,
  cluster: Cluster,
  invitation: Invitation,
): Promise<Researcher> {
  const context = await browser.newContext({ baseURL: cluster.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = await watch(page, cluster.url);
  const linked = await linkAccount(page, invitation, PASSWORD);
  await logIn(page, linked.account, linked.app);
  await openViewer(page);
  const { session } = await desktopStatus(page);
  if (!session) throw new Error(`${invitation.username} has no desktop session`);
  const { username } = invitation;
  return { username, context, page, errors, sessionId: session.id, host: session.host };
}

test.afterAll(async () => {
  for (const researcher of researchers) await researcher.context.close();
});

test('researchers log in through the proxy, and their desktops land on both session hosts', async ({
  browser,
  cluster,
}) => {
  test.setTimeout(240_000);
  const usernames = Array.from({ length: RESEARCHERS }, (_, index) => uniqueUsername(`clu${index}`));
  const invitations = await Promise.all(usernames.map((username) => cluster.invite(username)));
  for (const invitation of invitations) researchers.push(await newResearcher(browser, cluster, invitation));
  expect(new Set(researchers.map((researcher) => researcher.host))).toEqual(new Set(['sh-a', 'sh-b']));
  for (const researcher of researchers) {
    expect(runs(desktopOf(cluster, researcher).xvncPid, 'Xvnc')).toBe(true);
    await expect.poll(() => screenColours(researcher.page), { timeout: 15_000 }).toBeGreaterThan(2);
  }
  // Round robin: both nodes took part in the logins.
  for (const node of cluster.nodes) expect(cluster.proxy.served.get(node.name) ?? 0).toBeGreaterThan(10);
  // The nodes took each browser's address from the proxy's X-Forwarded-For, not the proxy's own.
  const logins = await cluster.sql<{ ip: string }>(
    "SELECT DISTINCT ip FROM audit_events WHERE action = 'login.succeeded'",
  );
  expect(logins).toEqual([{ ip: '127.0.0.1' }]);
  expect(unexpectedErrors()).toEqual([]);
});

test('a researcher keeps their portal session and desktop when the node serving them is killed', async ({
  cluster,
}) => {
  test.setTimeout(120_000);
  const [researcher] = researchers;
  if (!researcher) throw new Error('no researchers: the first test failed');
  const servedBy = await viewerNode(cluster, researcher);
  const victim = cluster.nodes.find((node) => node.name === servedBy);
  const survivor = cluster.nodes.find((node) => node.name !== servedBy);
  if (!victim || !survivor) throw new Error(`the desktop connection is on no known node (${servedBy})`);

  await victim.kill();

  // Every viewer that went through the dead node finds its way back through the other by itself.
  for (const each of researchers) {
    await expect.poll(() => viewerNode(cluster, each), { timeout: 60_000 }).toBe(survivor.name);
    await expect(each.page.locator('[data-state]')).toHaveAttribute('data-state', 'connected');
  }
  const poll = await researcher.page.request.get('/api/session');
  expect(poll.status()).toBe(200);
  expect((await poll.json()).user.username).toBe(researcher.username);
  const { session } = await desktopStatus(researcher.page);
  expect(session).toMatchObject({ id: researcher.sessionId, state: 'running', connected: true });
  // The portal itself, in a new tab of the same browser: still logged in.
  const portal = await researcher.context.newPage();
  await portal.goto('/portal');
  await expect(portal.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await portal.close();

  // The node comes back and takes its share again.
  const before = cluster.proxy.served.get(victim.name) ?? 0;
  await cluster.restartNode(victim);
  await expect
    .poll(
      async () => {
        await researcher.page.request.get('/api/session');
        return cluster.proxy.served.get(victim.name) ?? 0;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(before);
  expect(unexpectedErrors()).toEqual([]);
});

test('a session host agent that dies leaves its desktops running, and adopts them when it comes back', async ({
  cluster,
}) => {
  test.setTimeout(120_000);
  const host = hostNamed(cluster, 'sh-a');
  const onHost = researchers.filter((researcher) => researcher.host === host.name);
  expect(onHost.length).toBeGreaterThan(0);
  const desktops = onHost.map((researcher) => desktopOf(cluster, researcher));

  await host.agent.kill();

  // The viewers lose their relay through the agent; the desktops themselves go on.
  for (const researcher of onHost) {
    await expect.poll(() => viewerState(researcher), { timeout: 15_000 }).toBe('reconnecting');
  }
  for (const desktop of desktops) expect(runs(desktop.xvncPid, 'Xvnc')).toBe(true);
  for (const researcher of onHost) {
    expect((await desktopStatus(researcher.page)).session).toMatchObject({
      id: researcher.sessionId,
      state: 'running',
    });
  }

  host.agent.start();
  await cluster.hostUp(host);
  expect(host.agent.log()).toMatch(new RegExp(`"adopted":${onHost.length}\\b.*desktops found at start`));
  for (const [index, researcher] of onHost.entries()) {
    await expect(researcher.page.locator('[data-state]')).toHaveAttribute('data-state', 'connected', {
      timeout: 60_000,
    });
    // The same desktop: the same session, and the same X server as before.
    expect((await desktopStatus(researcher.page)).session?.id).toBe(researcher.sessionId);
    expect(desktopOf(cluster, researcher).xvncPid).toBe(desktops[index]?.xvncPid);
    await expect.poll(() => screenColours(researcher.page), { timeout: 15_000 }).toBeGreaterThan(2);
  }
  expect(unexpectedErrors()).toEqual([]);
});

test('an upload through a node is checked and delivered by the worker, into the desktop on its host', async ({
  cluster,
}) => {
  test.setTimeout(60_000);
  const [researcher] = researchers;
  if (!researcher) throw new Error('no researchers: the first test failed');
  const name = uniqueFileName('cluster', 'csv');
  const { request } = researcher.page;
  const { token } = await (await request.get('/api/csrf-token')).json();
  const sent = await request.post('/api/uploads', {
    headers: {
      'content-type': 'application/octet-stream',
      'x-csrf-token': token,
      'x-file-name': encodeURIComponent(name),
      'x-project': cluster.projectId,
    },
    data: Buffer.from('municipality,count\nUppsala,12\n'),
  });
  expect(sent.status()).toBe(202);
  // Delivered into InBox by the worker, and seen there from inside the desktop on its session host.
  const desktop = desktopOf(cluster, researcher);
  await expect
    .poll(() => runInDesktop(desktop, 'ls InBox').catch((error: Error) => error.message), { timeout: 30_000 })
    .toContain(name);
});

test('the audit log that every process wrote verifies, held to a signed checkpoint', async ({ cluster }) => {
  await cluster.operator(['admin', 'audit', 'checkpoint']);
  const verified = await cluster.operator(['admin', 'audit', 'verify']);
  expect(verified).toMatch(
    /^audit log intact: \d+ events, head [0-9a-f]{64}; \d+ checkpoints? in \S+ holds?$/m,
  );
});
