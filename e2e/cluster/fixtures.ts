import { test as base } from '../fixtures.js';
import { Cluster } from './cluster.js';
import { tail } from './processes.js';

/**
 * The cluster, brought up once for the spec file's tests (they follow one another through its life) and torn
 * down after them; the pages' base URL is its proxy. When a test fails, what every process logged is attached
 * to its report and the end of each printed.
 */
export const test = base.extend<{ clusterEvidence: undefined }, { cluster: Cluster }>({
  cluster: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads which fixtures a fixture wants from this pattern.
    async ({}, use) => {
      const cluster = await Cluster.start();
      try {
        await use(cluster);
      } finally {
        await cluster.stop();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ cluster }, use) => use(cluster.url),
  clusterEvidence: [
    async ({ cluster }, use, testInfo) => {
      await use(undefined);
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const [name, text] of Object.entries(cluster.logs())) {
        await testInfo.attach(name, { body: text, contentType: 'text/plain' });
        console.error(`--- ${name}, its last lines ---\n${tail(text)}`);
      }
    },
    { auto: true },
  ],
});

export { expect } from '../fixtures.js';
