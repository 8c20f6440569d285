// Tier 2: real Kafka, FerretDB (MongoDB wire protocol) and Redis (*.integration-spec.ts).
// One worker: the tests share one broker and one database server.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.integration-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest/integration-global-setup.ts',
  maxWorkers: 1,
  testTimeout: 60000,
};
