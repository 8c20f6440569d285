// Tier 1: pure and faked-edge tests (*.spec.ts). Fast; no infrastructure.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
  // The domain is the most tested code in the repo: its coverage is a gate, not a report.
  collectCoverageFrom: ['libs/domain/src/**/*.ts', '!**/*.spec.ts', '!**/*.arbitraries.ts', '!**/index.ts'],
  coverageThreshold: { './libs/domain/src/': { lines: 95, branches: 90 } },
};
