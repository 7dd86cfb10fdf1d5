module.exports = {
  ...require('../jest.preset.js')(__dirname),
  testMatch: ['<rootDir>/*.test.ts'],
  // Several files here mostly wait (child processes, timers, the emulator stand-in); a second worker overlaps
  // those waits with the CPU-bound files instead of queueing behind them (jest's default on 2 cores is one).
  maxWorkers: 2,
  // One synth of every environment per run, shared by the test files (see environments.ts).
  globalSetup: '<rootDir>/synth-once.js',
  globalTeardown: '<rootDir>/synth-cleanup.js',
};
