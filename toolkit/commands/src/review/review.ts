#!/usr/bin/env node
// `npm run review -- --base <git ref> [--out <file>]` or `npm run review -- --base-root <dir> [--out <file>]`: what a
// change does to the network, as one Markdown report (the pull request's comment). Synthesizes the base (or reads
// it from the cache, or from --base-root) and the working tree, compares every stack (compare-stacks.ts) and writes
// the report to --out (default reports/review.md). Exits 0 when the report was written, whatever it says; 1 with
// one line (and the failed step's last lines) when it could not be.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackJson } from '@lambda-vpc/stack-model';
import { stackVariant } from '@lambda-vpc/stack-model';
import { commandOptions, CommandSpec } from '../command-options';
import { repositoryRoot as root } from '../repository-root';
import { baseFromRef, baseFromRoot, BaseSide } from './base-checkout';
import { reviewStacks } from './compare-stacks';
import { formatReview, reviewSummary } from './review-markdown';
import { gitOutput, ReviewError, runStep } from './review-step';
import { readStackTexts } from './stack-text';

/** What `npm run review` accepts. */
export const REVIEW_OPTIONS = {
  options: {
    base: { type: 'string', value: '<git ref>', allowed: 'a commit, branch or tag of this repository' },
    'base-root': { type: 'string', value: '<dir>', allowed: 'a checkout of the base with npm run synth done in it' },
    out: { type: 'string', value: '<file>', allowed: 'a file to write the report to' },
  },
} as const satisfies CommandSpec;

const progress = (line: string): void => console.error(`review: ${line}`);

/** The base side the options name: exactly one of --base and --base-root. */
function baseSide(values: { base?: string; 'base-root'?: string }, cwd: string): BaseSide {
  const { base, 'base-root': baseRoot } = values;
  if (base !== undefined && baseRoot !== undefined)
    throw new ReviewError('--base and --base-root together; allowed: one of them');
  if (baseRoot !== undefined) return baseFromRoot(path.resolve(cwd, baseRoot));
  if (base !== undefined) return baseFromRef(root, base, progress);
  throw new ReviewError('no base; allowed: --base <git ref> or --base-root <dir>');
}

/** How the report names the working tree: its commit, and whether files differ from it. */
function headLabel(): string {
  const short = gitOutput(root, ['rev-parse', '--short=7', 'HEAD']);
  const dirty = (gitOutput(root, ['status', '--porcelain']) ?? '') !== '';
  return `the working tree at \`${short ?? 'unknown'}\`${dirty ? ' with uncommitted changes' : ''}`;
}

/** The report's path relative to where the command was run when it is under it, else in full. */
function shown(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function main(): void {
  const { values } = commandOptions('review', process.argv.slice(2), REVIEW_OPTIONS);
  // npm runs scripts in the repository root; relative paths are the caller's.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const base = baseSide(values, cwd);
  progress('synthesizing the working tree (npm run synth)...');
  runStep('npm run synth of the working tree', process.execPath, [path.join(__dirname, '..', 'synth.js')], root);

  const stacks = require('@lambda-vpc/stacks') as typeof import('@lambda-vpc/stacks');
  const configs = new Map(
    stacks.loadEnvironments(stacks.loadEnvironmentApps(root).map((app) => app.values)).map((c) => [c.name, c]),
  );
  const reviewed = reviewStacks(readStackTexts(base.root), readStackTexts(root), {
    intentOf: (json: StackJson) => stacks.variantNamed(stackVariant(json))?.intent,
    assumptionsOf: (env) => configs.get(env)?.cost,
  });
  const out = path.resolve(cwd, values.out ?? path.join(root, 'reports', 'review.md'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, formatReview(reviewed, { base: base.label, head: headLabel() }));
  const summary = reviewSummary(reviewed);
  console.log(`review: ${summary.changed.length} of ${summary.stacks} stack(s) changed -> ${shown(cwd, out)}`);
}

try {
  main();
} catch (error) {
  if (!(error instanceof ReviewError)) throw error;
  console.error(`review: ${error.message}`);
  process.exitCode = 1;
}
