// @ts-check
// Mutation testing of the policies that ask the database (`npx stryker run stryker.medium.config.mjs`),
// judged by their medium tests (vitest.mutation-medium.config.ts). Kept apart from stryker.config.mjs:
// those tests' setup runs other modules' code, such as the audit chain's, outside any test, and StrykerJS
// would run every test for each mutant of it.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  ...base,
  vitest: { ...base.vitest, configFile: 'vitest.mutation-medium.config.ts' },
  mutate: [
    // Throttling as the login uses it; the rules themselves are identity/throttle.ts.
    'src/identity/login-throttle.ts',
    'src/identity/login-lockout.ts',
    'src/review/four-eyes-policy.ts',
    'src/identity/staff-policy.ts',
    'src/airlock/upload-policy.ts',
    'src/identity/session-admission.ts',
    'src/projects/project-policy.ts',
    'src/software/software-policy.ts',
  ],
};
export default config;
