// jest globalSetup: synthesize every environment once per run, into a temporary folder the test files read
// (through LAMBDA_VPC_REPO_SYNTH), instead of each test file synthesizing the same nine stacks again.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadEnvironmentApps, synthEnvironments } = require('@lambda-vpc/stacks');

module.exports = async function synthOnce() {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-repo-')), 'cdktf.out');
  synthEnvironments(
    loadEnvironmentApps(path.resolve(__dirname, '..')).map((app) => app.values),
    { outdir },
  );
  process.env.LAMBDA_VPC_REPO_SYNTH = outdir;
};
