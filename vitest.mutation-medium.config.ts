import { defineConfig } from 'vitest/config';
import { mutationReporters, unitTests } from './vitest.mutation.config.js';

// The tests that judge the mutants of stryker.medium.config.mjs: the policies that ask the database,
// by their medium tests on a real PostgreSQL, which the tests start as `npm run test:medium` does.
export default defineConfig({
  test: {
    reporters: mutationReporters,
    projects: [
      unitTests,
      {
        test: {
          name: 'medium',
          include: [
            'src/airlock/upload-policy.medium.test.ts',
            'src/identity/login-lockout.medium.test.ts',
            'src/identity/login-throttle.medium.test.ts',
            'src/identity/session-admission.medium.test.ts',
            'src/identity/staff-policy.medium.test.ts',
            'src/projects/project-policy.medium.test.ts',
            'src/review/four-eyes-policy.medium.test.ts',
            'src/software/software-policy.medium.test.ts',
          ],
          globalSetup: ['test/postgres-global-setup.ts'],
          // Below the time StrykerJS gives a mutant, so that a mutant that hangs fails its test rather than
          // have its runner killed, which would leave the test database's server behind.
          testTimeout: 10_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
