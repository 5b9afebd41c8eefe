import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { FailedFileReporter } from './scripts/mutation/failed-file-reporter.js';

/** The unit tests, next to the code, which run in milliseconds. */
export const unitTests: TestProjectInlineConfiguration = {
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
};

/** A mutant that stops a test file from loading is caught, not survived. */
export const mutationReporters = ['default', new FailedFileReporter()];

// The tests that judge the mutants of stryker.config.mjs.
export default defineConfig({ test: { reporters: mutationReporters, projects: [unitTests] } });
