// @ts-check
// Mutation testing of the security-critical modules: `npm run test:mutation` (outside `npm test`, like a
// benchmark: it takes minutes) runs this and stryker.medium.config.mjs a module at a time. A mutant the
// tests do not catch is a behaviour no test pins. Each module should stay at 95% or more; docs/testing.md
// has the scores and the conventions.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  // The unit tests judge these modules.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: [
    'src/identity/totp.ts',
    'src/identity/password-policy.ts',
    'src/identity/password-strength.ts',
    'src/storage/safe-path.ts',
    'src/audit/chain.ts',
    'src/rd-gateway/tsgu/tsgu-packets.ts',
    'src/identity/throttle.ts',
    'src/entry/country-policy.ts',
    'src/entry/desktop-entry-policy.ts',
  ],
  plugins: ['@stryker-mutator/*', './scripts/mutation/message-text-ignorer.mjs'],
  // Message texts are words for people, not behaviour: a changed text is not a missed bug. Other
  // strings (separators, codes, names) are behaviour and are mutated.
  ignorers: ['message-text'],
  reporters: ['clear-text', 'progress'],
  // The score per module and the mutants that survived; not the list of every test.
  clearTextReporter: { reportTests: false },
  thresholds: { high: 95, low: 90, break: null },
  concurrency: 2,
  timeoutMS: 20000,
  // The sandbox needs the sources and their unit tests, not what runs or was run.
  ignorePatterns: [
    '/.tmp',
    '/dist',
    '/data',
    '/reports',
    '/e2e',
    '/bench',
    '/web',
    '/test-results',
    '/playwright-report',
    '/var',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
export default config;
