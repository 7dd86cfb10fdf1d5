#!/usr/bin/env node
// npm run synth: build, check every environment against the others once, then synthesize each app (turbo, cached
// per environment). A config problem is printed once, as one line per problem, and nothing is written.
// Extra arguments go to `turbo run synth` (e.g. --filter=@lambda-vpc/app-dev, --output-logs=errors-only).
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const turboArgs = process.argv.slice(2);

function turbo(task, args) {
  const result = spawnSync('npx', ['--no-install', 'turbo', 'run', task, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** App folders with uncommitted edits (or new): of two environments in conflict, the one that changed is blamed. */
function changedApps() {
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'apps'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return new Set(status.split('\n').map((line) => /^.. "?apps\/([^/]+)\//.exec(line)?.[1]).filter(Boolean));
  } catch {
    return new Set();
  }
}

turbo('build', ['--output-logs=errors-only']);
const { blameChanged, loadRepositoryEnvironments, reportSynthFailure } = require('@lambda-vpc/stacks');
try {
  loadRepositoryEnvironments(root, { blame: blameChanged(changedApps()) });
} catch (error) {
  reportSynthFailure(error);
  process.exit(1);
}
turbo('synth', turboArgs);

// turbo restores a cached cdktf.out over the old one without deleting anything, so a stack the environment no longer
// deploys (a variant left out) would linger beside the manifest; remove what the manifest does not list.
for (const app of fs.readdirSync(path.join(root, 'apps')).sort()) {
  const out = path.join(root, 'apps', app, 'cdktf.out');
  if (!fs.existsSync(path.join(out, 'manifest.json')) || !fs.existsSync(path.join(out, 'stacks'))) continue;
  const listed = Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).stacks ?? {});
  for (const stack of fs.readdirSync(path.join(out, 'stacks')).filter((name) => !listed.includes(name))) {
    fs.rmSync(path.join(out, 'stacks', stack), { recursive: true, force: true });
    console.log(`synth: removed apps/${app}/cdktf.out/stacks/${stack}: not in the manifest (no longer synthesized)`);
  }
}
