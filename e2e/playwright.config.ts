import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './helpers/chromium.js';
import { idleServer, mainServer, root, type TestServer } from './helpers/servers.js';

/** The real platform (embedded PostgreSQL, migrations, demo data, built web app) from `npm run build`. */
function webServer(server: TestServer, env: Record<string, string>) {
  return {
    // The data directory is wiped in the command itself: Playwright starts the web server before globalSetup.
    command: `rm -rf ${server.dataDir} && node dist/cli/main.js start --data-dir ${server.dataDir} --port ${server.port}`,
    cwd: root,
    url: `${server.baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    // SIGTERM lets the server stop its embedded PostgreSQL cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: { MONA_OPERATOR__NAME: 'Test Statistics Office', ...env },
  } as const;
}

const IDLE_TESTS = ['idle.spec.ts', 'desktop-timers.spec.ts'];

export default defineConfig({
  testDir: '.',
  // One test at a time: tests share each server, and some change what all its users see (new terms of use).
  workers: 1,
  reporter: 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    browserName: 'chromium',
    // A failed test's report shows the page as it was.
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    // The cluster's tests bring up an installation of their own (cluster/playwright.config.ts).
    { name: 'chromium', testIgnore: [...IDLE_TESTS, 'cluster/**'], use: { baseURL: mainServer.baseURL } },
    // The idle tests need their own server, with short timeouts.
    { name: 'idle', testMatch: IDLE_TESTS, use: { baseURL: idleServer.baseURL } },
  ],
  webServer: [
    webServer(mainServer, {
      // Tests pose as visitors from other countries with X-Forwarded-For.
      MONA_HTTP__TRUSTED_PROXIES: '[127.0.0.1]',
      // Every test logs in from the one address 127.0.0.1; the default 30 a minute would throttle the suite,
      // and the failed logins of some specs would make the password steps of the others wait.
      MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: '1000',
      MONA_IDENTITY__THROTTLE__PER_ADDRESS__FREE_GUESSES: '1000',
      MONA_DESKTOP__RDP__FILE_SECONDS: String(mainServer.rdpFileSeconds),
    }),
    webServer(idleServer, {
      MONA_IDENTITY__SESSION_IDLE_SECONDS: String(idleServer.idleSeconds),
      MONA_IDENTITY__SESSION_WARNING_SECONDS: String(idleServer.warningSeconds),
      MONA_DESKTOP__IDLE_SECONDS: String(idleServer.desktopIdleSeconds),
      MONA_DESKTOP__DISCONNECTED_SECONDS: String(idleServer.desktopDisconnectedSeconds),
      // One xrdp per machine, and the RD gateway's port: the main server has them.
      MONA_DESKTOP__RDP__ENABLED: 'false',
    }),
  ],
});
