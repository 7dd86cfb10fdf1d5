#!/usr/bin/env node
// npm run framework:cdktn: the repository built on CDK Terrain (cdktn) instead of cdktf, in .frameworks/cdktn.
//   1. copy the sources git tracks or would track (uncommitted edits included) into the build tree
//   2. rewrite every package.json as toolkit/frameworks/cdktn/framework.json says (rewrite-manifest.ts)
//   3. npm install, locked by toolkit/frameworks/cdktn/package-lock.json; a lockfile the install changes fails it
//   4. build, and check that the build resolves one framework instance and the bindings framework.json names
//   5. npm run synth there: every environment's stacks, in .frameworks/cdktn/apps/<env>/cdktf.out
// Options: --update-lock (write the install's lockfile back to toolkit/frameworks/cdktn/package-lock.json, after a
// dependency or workspace change), --no-synth (stop after step 4).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';
import { CommandSpec, readOptions } from '../command-options';
import { FrameworkBuild, frameworkBuild, FrameworkSpec, run } from './build-tree';
import { checkFrameworkInstance } from './framework-instance';
import { Manifest, rewriteManifest } from './rewrite-manifest';

/** Build-tree entries kept between runs: the install and turbo's cache, so an unchanged rebuild is quick. */
const KEPT = new Set(['node_modules', '.turbo']);

export interface PrepareOptions {
  /** Write the install's lockfile back. @default false */
  readonly updateLock: boolean;
  /** Synthesize every stack after the check. @default true */
  readonly synth: boolean;
}

/** What `npm run framework:cdktn` accepts. */
export const PREPARE_OPTIONS = {
  options: { 'update-lock': { type: 'boolean' }, 'no-synth': { type: 'boolean' } },
} as const satisfies CommandSpec;

/** The options; throws an OptionError naming a bad one and what is allowed. */
export function parsePrepareOptions(argv: readonly string[]): PrepareOptions {
  const { values } = readOptions(argv, PREPARE_OPTIONS);
  return { updateLock: values['update-lock'], synth: !values['no-synth'] };
}

/**
 * Local-backend state a deploy from the build tree left beside its apps (`apps/<env>/terraform.<stack>.tfstate`);
 * refreshing the copy would delete it, so the refresh refuses instead.
 */
function stateFilesIn(tree: string): string[] {
  return ['apps', 'bootstrap'].flatMap((parent) => {
    const base = path.join(tree, parent);
    if (!fs.existsSync(base)) return [];
    return fs.readdirSync(base).flatMap((app) => {
      const folder = path.join(base, app);
      if (!fs.statSync(folder).isDirectory()) return [];
      return fs
        .readdirSync(folder)
        .filter((name) => /\.tfstate(\.|$)/.test(name))
        .map((name) => path.relative(root, path.join(folder, name)));
    });
  });
}

function copySources(tree: string): string[] {
  fs.mkdirSync(tree, { recursive: true });
  const state = stateFilesIn(tree);
  if (state.length > 0) {
    throw new Error(
      `${state.join(', ')}: Terraform state of a deploy from this build, which a refresh would delete; ` +
        'move it to the same path in the repository (apps/<env>/, where the cdktf build keeps it) or use a remote ' +
        'backend, then run again',
    );
  }
  for (const entry of fs.readdirSync(tree)) {
    if (!KEPT.has(entry)) fs.rmSync(path.join(tree, entry), { recursive: true, force: true });
  }
  const listed = execFileSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  const files = listed.split('\0').filter((file) => file && fs.existsSync(path.join(root, file)));
  for (const file of files) fs.cpSync(path.join(root, file), path.join(tree, file), { verbatimSymlinks: true });
  return files;
}

function rewriteManifests(tree: string, files: readonly string[], spec: FrameworkSpec): void {
  for (const file of files.filter((f) => path.basename(f) === 'package.json' && !f.startsWith('toolkit/frameworks/'))) {
    const target = path.join(tree, file);
    const manifest = JSON.parse(fs.readFileSync(target, 'utf8')) as Manifest;
    fs.writeFileSync(
      target,
      `${JSON.stringify(rewriteManifest(manifest, spec, { root: file === 'package.json' }), null, 2)}\n`,
    );
  }
}

/** npm install from the committed lockfile (or, with --update-lock and none yet, resolved afresh). */
function install(build: FrameworkBuild, options: PrepareOptions): void {
  const treeLock = path.join(build.tree, 'package-lock.json');
  const committed = fs.existsSync(build.lockfile) ? fs.readFileSync(build.lockfile, 'utf8') : undefined;
  const lockName = path.relative(root, build.lockfile);
  if (committed === undefined && !options.updateLock) {
    throw new Error(`${lockName} is missing: run npm run framework:${build.name} -- --update-lock and commit it`);
  }
  if (committed === undefined) fs.rmSync(treeLock, { force: true });
  else fs.writeFileSync(treeLock, committed);
  run('npm', ['install', '--no-audit', '--no-fund'], build.tree);
  if (fs.readFileSync(treeLock, 'utf8') === committed) return;
  if (!options.updateLock) {
    throw new Error(
      `npm install changed the ${build.name} build's lockfile: the manifests or framework.json changed since ` +
        `${lockName} was written; run npm run framework:${build.name} -- --update-lock and commit it`,
    );
  }
  // A second install over a lockfile npm has just written can still flip a `dev` flag; write its fixed point.
  run('npm', ['install', '--no-audit', '--no-fund'], build.tree);
  fs.writeFileSync(build.lockfile, fs.readFileSync(treeLock, 'utf8'));
  console.log(`framework: wrote ${lockName}`);
}

/** A git repository of the copy, so the tests and synth that ask git what the sources are see the same files. */
function snapshot(tree: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: tree, stdio: ['ignore', 'ignore', 'inherit'] });
  git('init', '-q');
  git('add', '-A');
  git(
    '-c',
    'user.name=framework build',
    '-c',
    'user.email=framework-build@localhost',
    'commit',
    '-q',
    '--no-verify',
    '-m',
    'sources',
  );
}

function main(): void {
  const options = parsePrepareOptions(process.argv.slice(2));
  const build = frameworkBuild('cdktn');
  const files = copySources(build.tree);
  rewriteManifests(build.tree, files, build.spec);
  install(build, options);
  snapshot(build.tree);
  run('npx', ['--no-install', 'turbo', 'run', 'build', '--output-logs=errors-only'], build.tree);
  console.log(`framework: ${path.relative(root, build.tree)}: ${checkFrameworkInstance(build)}`);
  if (options.synth) run('npm', ['run', 'synth', '--', '--output-logs=errors-only'], build.tree);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`framework failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
