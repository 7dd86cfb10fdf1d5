#!/usr/bin/env node
// npm run framework:diff: the synthesized output of every app, cdktf build (apps/<env>/cdktf.out) against the cdktn
// build (.frameworks/cdktn/apps/<env>/cdktf.out, from npm run framework:cdktn), compared semantically. Exits 1 on a
// difference toolkit/frameworks/allowed-differences.json does not list (printing the stack, file, JSON path and both
// values), on an entry there that matched nothing, and on an app that one side did not synthesize.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';
import { synthesizedStacksIn } from '../synthesized-stacks';
import { readAllowances } from './allowed-differences';
import { frameworkBuild } from './build-tree';
import { compareOutputs, formatFailure } from './semantic-diff';

const OUT = 'cdktf.out';

/** The apps (folders of apps/ with a synthesized manifest) under `base`. */
function synthesizedApps(base: string): string[] {
  const apps = path.join(base, 'apps');
  return fs
    .readdirSync(apps)
    .filter((app) => fs.existsSync(path.join(apps, app, OUT, 'manifest.json')))
    .sort();
}

function main(): void {
  const build = frameworkBuild('cdktn');
  const sides: [string, string] = ['cdktf', build.name];
  const [left, right] = [synthesizedApps(root), fs.existsSync(build.tree) ? synthesizedApps(build.tree) : []];
  if (left.length === 0) throw new Error('no app of this repository is synthesized: run npm run synth');
  if (left.join() !== right.join()) {
    throw new Error(
      `the ${build.name} build synthesized ${right.join(', ') || 'no app'}, the cdktf build ${left.join(', ')}: ` +
        `run npm run framework:${build.name} (and npm run synth)`,
    );
  }
  const apps = left.map((name) => ({
    name,
    left: path.join(root, 'apps', name, OUT),
    right: path.join(build.tree, 'apps', name, OUT),
  }));
  const { failures, allowed, unused } = compareOutputs(apps, readAllowances(), sides);
  for (const failure of failures) console.log(`framework-diff: ${formatFailure(failure, sides)}`);
  for (const entry of unused) {
    console.log(
      `framework-diff: allowed difference ${entry.file} ${JSON.stringify(entry.path)} matched nothing: remove it ` +
        `from toolkit/frameworks/allowed-differences.json`,
    );
  }
  const stacks = apps.flatMap((app) => synthesizedStacksIn(app.left)).length;
  console.log(
    `framework-diff: ${sides.join(' vs ')}: ${stacks} stacks in ${apps.length} apps, ${allowed} allowed differences, ` +
      `${failures.length} other differences${unused.length ? `, ${unused.length} unused allowances` : ''}`,
  );
  process.exitCode = failures.length > 0 || unused.length > 0 ? 1 : 0;
}

try {
  main();
} catch (error) {
  console.error(`framework-diff failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
