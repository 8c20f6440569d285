// Tier 1: pure and faked-edge tests (*.spec.ts). Fast; no infrastructure.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
  collectCoverageFrom: ['libs/domain/src/**/*.ts', '!**/*.spec.ts', '!**/index.ts'],
};
