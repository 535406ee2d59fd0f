/** @type {import('jest').Config} */
// The multi-instance test (`npm run test:cluster`): real `node dist/src/main.js` processes, so it
// runs after a build and on its own, one file at a time.
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testRegex: '\\.cluster-spec\\.ts$',
  globalSetup: undefined,
  maxWorkers: 1,
  testTimeout: 300000,
};
