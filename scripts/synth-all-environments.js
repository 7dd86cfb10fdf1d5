#!/usr/bin/env node
// The root cdktf app: every environment under apps/ in one app, for `cdktf list` and cross-environment
// checks (names and VPC CIDRs unique across the repository). Deploy from an environment's own folder.
const fs = require('node:fs');
const path = require('node:path');
const { runSynth } = require('@lambda-vpc/stacks');

const appsDir = path.join(__dirname, '..', 'apps');
const environments = [];
for (const name of fs.readdirSync(appsDir).sort()) {
  if (!fs.existsSync(path.join(appsDir, name, 'cdktf.json'))) continue;
  const compiled = path.join(appsDir, name, 'dist', 'environment.js');
  if (!fs.existsSync(compiled)) {
    console.error(`synth failed: apps/${name} is not built (no dist/environment.js); run npm run build`);
    process.exit(1);
  }
  environments.push(require(compiled).environment);
}
runSynth(environments);
