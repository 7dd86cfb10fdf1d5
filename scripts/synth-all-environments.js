#!/usr/bin/env node
// The root cdktf app: every environment under apps/ in one app, for `cdktf list` and cross-environment
// checks (names and VPC CIDRs unique across the repository). Deploy from an environment's own folder.
const path = require('node:path');
const { loadEnvironmentApps, runSynth } = require('@lambda-vpc/stacks');

let apps;
try {
  apps = loadEnvironmentApps(path.join(__dirname, '..'));
} catch (error) {
  console.error(`synth failed: ${error.message}`);
  process.exit(1);
}
runSynth(apps.map((app) => app.values));
