#!/usr/bin/env node
// npm run synth: check every environment against the others once, then synthesize each app (turbo, cached per
// environment). A config problem is printed once, as one line per problem, and nothing is written. The npm script
// runs `turbo run build` first, so this file and the apps it loads are compiled from the current sources. Extra
// arguments go to `turbo run synth` (e.g. --filter=@lambda-vpc/app-dev, --output-logs=errors-only).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blameChanged, loadRepositoryEnvironments, reportSynthFailure } from '@lambda-vpc/stacks';
import { repositoryRoot as root } from './repository-root';
import { synthesizedStacksIn } from './synthesized-stacks';

const turboArgs = process.argv.slice(2);

function turbo(task: string, args: readonly string[]): void {
  const result = spawnSync('npx', ['--no-install', 'turbo', 'run', task, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** App folders with uncommitted edits (or new): of two environments in conflict, the one that changed is blamed. */
function changedApps(): Set<string> {
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'apps'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return new Set(status.split('\n').map((line) => /^.. "?apps\/([^/]+)\//.exec(line)?.[1]).filter((app): app is string => app !== undefined));
  } catch {
    return new Set();
  }
}

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
  const listed = synthesizedStacksIn(out).map(({ stack }) => stack);
  for (const stack of fs.readdirSync(path.join(out, 'stacks')).filter((name) => !listed.includes(name))) {
    fs.rmSync(path.join(out, 'stacks', stack), { recursive: true, force: true });
    console.log(`synth: removed apps/${app}/cdktf.out/stacks/${stack}: not in the manifest (no longer synthesized)`);
  }
}
