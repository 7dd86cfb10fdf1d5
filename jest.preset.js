// Shared jest settings: a transpile-only swc transform (tsc type-checks once, in `build`), node environment.
const path = require('node:path');

/** @param {string} dir the workspace folder (pass __dirname) */
module.exports = (dir) => ({
  rootDir: dir,
  testEnvironment: 'node',
  // Many tests synthesize whole environments (1 to 2 s each alone); jest's default 5 s leaves too little room under
  // turbo's parallel test tasks on a busy 2-core machine. A hung test still fails, after 30 s.
  testTimeout: 30_000,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      require.resolve('@swc/jest'),
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
  },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  reporters: [
    'default',
    [
      path.join(__dirname, 'toolkit', 'scripts', 'jest-results-reporter.js'),
      { file: path.join(dir, '.test-results.json') },
    ],
  ],
  cacheDirectory: path.join(__dirname, 'node_modules', '.cache', 'jest'),
});
