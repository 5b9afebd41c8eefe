import { defineConfig } from 'vitest/config';
import { FailedFileReporter } from './scripts/mutation/failed-file-reporter.js';

// The unit tests alone, as one project, for mutation testing (stryker.config.mjs): mutants are judged by the
// tests that run in milliseconds, next to the code.
export default defineConfig({
  test: {
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
    // A mutant that stops a test file from loading is caught, not survived.
    reporters: ['default', new FailedFileReporter()],
  },
});
