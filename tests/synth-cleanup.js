// jest globalTeardown: removes the folder synth-once.js wrote.
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function cleanup() {
  const outdir = process.env.LAMBDA_VPC_REPO_SYNTH;
  if (outdir) fs.rmSync(path.dirname(outdir), { recursive: true, force: true });
};
