// @ts-check
/**
 * `npm run mutation`: Stryker over the security-critical modules, each mutant run against the tests that reach it
 * (jest.mutation.config.js). Not in CI (minutes to tens of minutes); figures and survivors in docs/mutation.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutation.config.js',
    enableFindRelatedTests: false,
  },
  mutate: [
    'server/callback/callback-crypto.ts',
    'server/callback/callback-service.ts',
    'server/sign-in/signed-tokens.ts',
    'server/sign-in/viewer-session-tokens.ts',
    'server/sign-in/return-to.ts',
    'server/sign-in/staff-sessions.ts',
    'server/budget/memory-call-budget.ts',
    'server/budget/redis-call-budget.ts',
    'server/limits/client-limits.ts',
    // The per-minute counters client-limits.ts (and the unknown-lives lane) are built from.
    'server/store/per-minute-limiter.ts',
    'server/watch-stats/watchers-csv.ts',
    'server/http/fast-path/hot-cards.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: false,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // A harness test starts a whole BFF and sometimes a redis-server: give a slow, shared machine room.
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 85, break: null },
};
