import { expect, test } from './fixtures.js';
import { demoAccount } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { asRoot, desktopExists, desktopStatus, openViewer } from './helpers/desktop.js';
import { keepDesktopEvidence } from './helpers/diagnostics.js';
import { logIn } from './helpers/journeys.js';
import { mona } from './helpers/mona-cli.js';
import { idleServer } from './helpers/servers.js';

// Runs against the idle server (see playwright.config.ts): a desktop connection closes after 15 s without
// input, and a session left disconnected is ended after 20 s.
// Desktops run only where mona runs as root, as npm test and CI do: say so rather than pass by skipping.
test.beforeAll(() => {
  if (!asRoot)
    throw new Error('the desktop tests need root: Unix accounts, namespaces and Xvnc (run npm test as root)');
});

keepDesktopEvidence(idleServer.dataDir);

// R25, R26: the idle limit closes the connection and keeps the session; the disconnected limit ends it.
test('a desktop left alone is disconnected, then ended', async ({ page }) => {
  test.setTimeout(120_000);
  const account = demoAccount(idleServer.dataDir, 'demo.researcher');
  await logIn(page, account, new Authenticator(account.secret));
  await openViewer(page);
  const sessionId = (await desktopStatus(page)).session?.id as string;
  const viewer = page.locator('[data-state]');

  await test.step('no input for the idle limit: the connection closes, the session stays', async () => {
    await expect(viewer).toHaveAttribute('data-state', 'idle-closed', {
      timeout: (idleServer.desktopIdleSeconds + 10) * 1000,
    });
    await expect(page.getByText('Your programs are still running.')).toBeVisible();
    const { session } = await desktopStatus(page);
    expect(session).toMatchObject({ id: sessionId, state: 'running', connected: false });
    expect(desktopExists(idleServer.dataDir, sessionId)).toBe(true);
  });

  await test.step('left disconnected beyond the limit, the session and its programs end', async () => {
    await expect
      .poll(() => desktopExists(idleServer.dataDir, sessionId), {
        timeout: (idleServer.desktopDisconnectedSeconds + 20) * 1000,
      })
      .toBe(false);
    expect(await mona(['admin', 'desktop', 'list'], idleServer.dataDir)).not.toContain(sessionId);
  });
});
