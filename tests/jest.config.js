module.exports = {
  ...require('../jest.preset.js')(__dirname),
  testMatch: ['<rootDir>/*.test.ts'],
  // One synth of every environment per run, shared by the test files (see environments.ts).
  globalSetup: '<rootDir>/synth-once.js',
  globalTeardown: '<rootDir>/synth-cleanup.js',
};
