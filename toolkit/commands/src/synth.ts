#!/usr/bin/env node
// npm run synth: check every environment against the others once, then synthesize each app (turbo, cached per
// environment). A config problem is printed once, as one line per problem, and nothing is written. The npm script
// builds first (toolkit/scripts/quiet-build.js), so this file and the apps it loads are compiled from the current
// sources. It prints the guardrail notices, one line per stack and a summary (toolkit/commands/src/synth-output.ts),
// the same whether turbo ran an app or replayed it from its cache; a failed app's output in full. Extra arguments go to
// `turbo run synth` (e.g. --filter=@lambda-vpc/app-dev, --force); --output-logs=errors-only or none prints errors only.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blameChanged, loadRepositoryEnvironments, reportSynthFailure } from '@lambda-vpc/stacks';
import { repositoryRoot as root } from './repository-root';
import { formatSynthFailure, formatSynthOutput, turboEvents } from './synth-output';
import { synthesizedStacksIn } from './synthesized-stacks';

// --output-logs is this command's (errors-only or none: print errors only); every other argument is turbo's.
const turboArgs: string[] = [];
let outputLogs = 'full';
for (let i = 2; i < process.argv.length; i++) {
  const option = /^--output-logs(?:=(.*))?$/.exec(process.argv[i]);
  if (option) outputLogs = option[1] ?? process.argv[++i] ?? '';
  else turboArgs.push(process.argv[i]);
}
const quiet = outputLogs === 'errors-only' || outputLogs === 'none';

/** turbo's launcher, run by this Node.js directly: `npx` would add about 0.4 s to every synth for finding it. */
const TURBO = require.resolve('turbo/bin/turbo', { paths: [root] });

/** The app folders by package name (`@lambda-vpc/app-dev` -> `apps/dev`). */
function appFolders(): Map<string, string> {
  return new Map(
    fs
      .readdirSync(path.join(root, 'apps'))
      .sort()
      .flatMap((app) => {
        const manifest = path.join(root, 'apps', app, 'package.json');
        if (!fs.existsSync(manifest)) return [];
        return [[(JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name: string }).name, `apps/${app}`] as const];
      }),
  );
}

/** `turbo run synth --json`: the events of every app's synth, printed as formatSynthOutput lays them out. */
function synthApps(): void {
  const command = [TURBO, 'run', 'synth', '--json', '--output-logs=full', ...turboArgs];
  const result = spawnSync(process.execPath, command, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['inherit', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const events = turboEvents(result.stdout ?? '');
  if (result.status !== 0) {
    const stderr = `${result.stderr ?? ''}${result.error?.message ?? ''}`;
    for (const line of formatSynthFailure(events, stderr)) console.error(line);
    process.exit(result.status ?? 1);
  }
  if (quiet) return;
  const folders = appFolders();
  for (const line of formatSynthOutput(events, (pkg) => folders.get(pkg))) console.log(line);
}

/** App folders with uncommitted edits (or new): of two environments in conflict, the one that changed is blamed. */
function changedApps(): Set<string> {
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'apps'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return new Set(
      status
        .split('\n')
        .map((line) => /^.. "?apps\/([^/]+)\//.exec(line)?.[1])
        .filter((app): app is string => app !== undefined),
    );
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
synthApps();

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
