// Jest reporter: writes the run's counts to a file in the workspace, which turbo caches as the test task's
// output, so toolkit/commands/src/test-summary.ts can total the suite even when a workspace's tests were a cache hit.
// Plain JavaScript: jest loads it by path in every workspace's run, before any build.
const fs = require('node:fs');

class ResultsFileReporter {
  constructor(_globalConfig, options) {
    this.file = options.file;
  }

  onRunComplete(_contexts, results) {
    fs.writeFileSync(
      this.file,
      `${JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        suites: results.numTotalTestSuites,
      })}\n`,
    );
  }
}

module.exports = ResultsFileReporter;
