#!/usr/bin/env node
// The root cdktf app: every environment under apps/ in one app, for `cdktf list` and cross-environment
// checks (names, folders and VPC CIDRs unique across the repository). Deploy from an environment's own folder.
const path = require('node:path');
const { loadRepositoryEnvironments, runSynth } = require('@lambda-vpc/stacks');

runSynth(() => loadRepositoryEnvironments(path.join(__dirname, '..')));
