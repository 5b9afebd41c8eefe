import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../helpers/chromium.js';

/**
 * The production layout on one machine (see cluster.ts): its tests bring the whole installation up
 * themselves, on ports and addresses of their own, so this config starts no server.
 */
export default defineConfig({
  testDir: '.',
  globalSetup: './global-setup.ts',
  workers: 1,
  reporter: 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
