// Tier 3: the built services as separate processes on the real infrastructure (*.e2e-spec.ts).
// Run `npm run build` first; the suite refuses to start without the built entry points.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'e2e',
  testMatch: ['<rootDir>/apps/*-e2e/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest/integration-global-setup.ts',
  maxWorkers: 1,
  testTimeout: 120000,
};
