import { defineConfig } from 'vitest/config';
import { FailedFileReporter } from './scripts/mutation/failed-file-reporter.js';

// The tests that judge mutants (stryker.config.mjs). The unit tests, next to the code, run in milliseconds.
// The policies that ask the database are judged by their own medium tests, on a real PostgreSQL.
export default defineConfig({
  test: {
    // A mutant that stops a test file from loading is caught, not survived.
    reporters: ['default', new FailedFileReporter()],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          // Not the tests that start real desktops: slow, and each needs the machine's session host to itself.
          exclude: [
            '**/*.medium.test.ts',
            'node_modules/**',
            'src/host-agent/desktop-session.test.ts',
            'src/host-agent/host-agent.test.ts',
            'src/host-agent/rdp/**',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'medium',
          include: [
            'src/airlock/upload-policy.medium.test.ts',
            'src/entry/desktop-entry-policy.medium.test.ts',
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
