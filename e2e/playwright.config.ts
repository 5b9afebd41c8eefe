import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = 8181;
const baseURL = `http://127.0.0.1:${port}`;

// Runs the real platform (embedded PostgreSQL, migrations, demo data, built web app) from `npm run build`.
export default defineConfig({
  testDir: '.',
  workers: 1,
  reporter: 'list',
  use: { baseURL, viewport: { width: 1280, height: 800 } },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          // Debian's Chromium: this machine cannot download Playwright's own browser build.
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--headless',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // The data directory is wiped in the command itself: Playwright starts the web server before globalSetup.
    command: `rm -rf .tmp/e2e-var && node dist/cli/main.js start --data-dir .tmp/e2e-var --port ${port}`,
    cwd: root,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    // SIGTERM lets the server stop its embedded PostgreSQL cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: { MONA_OPERATOR__NAME: 'Test Statistics Office' },
  },
});
