// Shared jest settings: a transpile-only swc transform (tsc type-checks once, in `build`), node environment.
const path = require('node:path');

/** @param {string} dir the workspace folder (pass __dirname) */
module.exports = (dir) => ({
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [require.resolve('@swc/jest'), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      swcrc: false,
    }],
  },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  reporters: ['default', [path.join(__dirname, 'scripts', 'jest-results-reporter.js'), { file: path.join(dir, '.test-results.json') }]],
  cacheDirectory: path.join(__dirname, 'node_modules', '.cache', 'jest'),
});
