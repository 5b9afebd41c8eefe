import { defineConfig } from 'vitest/config';

// Two tiers: "unit" needs nothing but Node; "medium" runs on a real PostgreSQL,
// each test file in its own database cloned from a migrated template.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.medium.test.ts', 'node_modules/**'],
          environment: 'node',
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
