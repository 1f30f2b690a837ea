/**
 * The jest config of `npm run mutation` (stryker.config.mjs): the node project only (Stryker's jest runner wraps one
 * test environment for its per-test coverage, not a list of projects), and only the tests that reach the mutated
 * modules, so a mutant runs in seconds rather than the whole suite's minutes.
 */
const node = require('./jest.config.js').projects.find((p) => p.displayName === 'node');

module.exports = {
  rootDir: __dirname,
  testEnvironment: node.testEnvironment,
  transform: node.transform,
  roots: ['<rootDir>/test/server'],
  testMatch: [
    '<rootDir>/test/server/callback/*.test.ts',
    '<rootDir>/test/server/sign-in/*.test.ts',
    '<rootDir>/test/server/budget/*.test.ts',
    '<rootDir>/test/server/http/fast-path/hot-cards.test.ts',
    '<rootDir>/test/server/http/fast-path/hot-cards-edges.test.ts',
    '<rootDir>/test/server/limits/*.test.ts',
    '<rootDir>/test/server/watch-stats/watchers-csv.test.ts',
    '<rootDir>/test/server/adversary/csv-formulas.test.ts',
    '<rootDir>/test/server/watch-stats/watch-stats.test.ts',
    '<rootDir>/test/server/lives/code-queue.test.ts',
    '<rootDir>/test/server/funnel/funnel.test.ts',
  ],
};
