import { defineConfig } from 'vitest/config';

// Three tiers: "unit" needs nothing but Node; "component" renders the web app in a simulated browser
// (happy-dom) against an API faked at fetch level; "medium" runs on a real PostgreSQL, each test file
// in its own database cloned from a migrated template.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.ts',
            'web/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/*.medium.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'component',
          include: ['web/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['web/test/setup.ts'],
          // Each test fakes the API anew.
          unstubGlobals: true,
        },
      },
      {
        test: {
          name: 'medium',
          include: ['src/**/*.medium.test.ts'],
          globalSetup: ['test/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
