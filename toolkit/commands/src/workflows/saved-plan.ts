#!/usr/bin/env node
// The deploy workflow's saved plans: the plan job saves each stack's plan, a reviewer approves it, and the apply job
// applies that plan file, not a new plan (docs/ci.md, "Saved plans").
//
//   node toolkit/commands/dist/workflows/saved-plan.js plan  <stack-dir> <plan-dir> [--engine <binary>]
//       init and plan the synthesized stack folder into <plan-dir>/<stack>.tfplan, with <stack>.txt (the plan),
//       <stack>.lock.hcl and <stack>.stamp.json; prints the plan's summary line and, when $GITHUB_STEP_SUMMARY is
//       set, appends the plan to the run's summary
//   node toolkit/commands/dist/workflows/saved-plan.js apply <stack-dir> <plan-dir> [--engine <binary>]
//       applies <plan-dir>/<stack>.tfplan, or refuses (exit 1, nothing applied) a plan made at another commit, of
//       another configuration, or against a state that changed since
//
// The engine: --engine, else $TERRAFORM_BINARY, else `terraform` on PATH. A bad argument: one line, exit 2; a
// missing folder or stamp, a refusal or a failing engine: exit 1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandSpec, OptionError, readOptions } from '../command-options';
import { applyStack, planStack, SavedPlanOptions } from './saved-plan-commands';
import { SavedPlanError } from './saved-plan-stamp';
import { planSummaryMarkdown } from './saved-plan-summary';

/** What each command accepts. */
export const SAVED_PLAN_COMMAND = {
  positionals: '<stack-dir> <plan-dir>',
  minPositionals: 2,
  maxPositionals: 2,
  options: { engine: { type: 'string', value: '<binary>', allowed: 'an engine binary (terraform, tofu or a path)' } },
} as const satisfies CommandSpec;

const USAGE =
  'usage: saved-plan.js plan <stack-dir> <plan-dir> [--engine <binary>] | ' +
  'apply <stack-dir> <plan-dir> [--engine <binary>]';

/** Runs one command; resolves to the exit status. Never throws for a user error. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'plan' && command !== 'apply') {
    console.error(command === undefined ? USAGE : `saved-plan.js: unknown command ${command}; ${USAGE}`);
    return 2;
  }
  let options: SavedPlanOptions;
  try {
    const { values, positionals } = readOptions(rest, SAVED_PLAN_COMMAND);
    options = { stackDir: positionals[0], planDir: positionals[1], engine: values.engine };
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    console.error(`saved-plan.js ${command}: ${error.message}`);
    return 2;
  }
  const prefix = `${command}: ${path.basename(path.resolve(options.stackDir))}`;
  try {
    return command === 'plan' ? await plan(options, prefix) : await apply(options, prefix);
  } catch (error) {
    if (!(error instanceof SavedPlanError)) throw error;
    console.error(`${prefix}: ${error.message}`);
    return 1;
  }
}

async function plan(options: SavedPlanOptions, prefix: string): Promise<number> {
  const { stamp, summary, text, files } = await planStack(options);
  const saved = path.relative(process.cwd(), files.plan);
  console.log(`${prefix}: ${summary} (saved to ${saved} at commit ${stamp.commit.slice(0, 7)})`);
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) {
    fs.appendFileSync(stepSummary, planSummaryMarkdown({ stack: stamp.stack, commit: stamp.commit, summary, text }));
  }
  return 0;
}

async function apply(options: SavedPlanOptions, prefix: string): Promise<number> {
  const result = await applyStack(options);
  switch (result.status) {
    case 'applied':
      process.stdout.write(result.output);
      console.log(`${prefix}: applied the saved plan: ${result.summary}`);
      return 0;
    case 'nothing to apply':
      console.log(`${prefix}: nothing to apply (the plan at commit ${result.stamp.commit.slice(0, 7)} has no changes)`);
      return 0;
    case 'refused':
      for (const reason of result.reasons) console.error(`${prefix}: ${reason}`);
      return 1;
    case 'failed':
      console.error(`${prefix}: ${result.errors}`);
      return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      // Not a user error: a fault of the command itself, reported as one line all the same.
      console.error(`saved-plan.js: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
