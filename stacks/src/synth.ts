import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ConfigError } from './config/config-error';
import { EnvironmentConfig, EnvironmentValues } from './config/environment-schema';
import { loadEnvironments } from './config/load-environments';
import { addEnvironmentStacks } from './environment-stacks';

/** Options of {@link synthEnvironments}. */
export interface SynthOptions {
  /**
   * Where the stacks go (`<outdir>/stacks/<stack>/cdk.tf.json`).
   * @default $CDKTF_OUTDIR when run by the cdktf CLI, else `cdktf.out`
   */
  readonly outdir?: string;
  /**
   * Adds a team's own stacks to the app, after the variant stacks, so they share the validated config, the
   * all-or-nothing output and the synth-time checks.
   * @default no other stacks
   */
  readonly addStacks?: (app: App, configs: readonly EnvironmentConfig[]) => void;
}

/** What a synth wrote. */
export interface SynthResult {
  /** The output directory. */
  readonly outdir: string;
  /** Each stack's name, its `cdk.tf.json` and its resource count. */
  readonly stacks: readonly { readonly name: string; readonly file: string; readonly resources: number }[];
}

/**
 * Validates every environment, builds their stacks into one app and synthesizes it. The app writes to a
 * staging directory that replaces `outdir` only once every stack has synthesized, so a failure never
 * leaves a half-written `cdktf.out`. Throws {@link ConfigError} for bad values.
 */
export function synthEnvironments(values: readonly EnvironmentValues[], options: SynthOptions = {}): SynthResult {
  const configs = loadEnvironments(values);
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = `${outdir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging, skipValidation: false });
    const stacks: TerraformStack[] = configs.flatMap((config) => addEnvironmentStacks(app, config));
    options.addStacks?.(app, configs);
    stacks.push(...app.node.children.filter((child): child is TerraformStack => TerraformStack.isStack(child) && !stacks.includes(child)));
    app.synth();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    return {
      outdir,
      stacks: stacks.map((stack) => {
        const file = path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json');
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Record<string, object> };
        const resources = Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
        return { name: stack.node.id, file, resources };
      }),
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The main of every app: synthesizes, prints one line per stack, and on failure prints the problems (no
 * stack trace) and exits 1. Set LAMBDA_VPC_DEBUG=1 for the stack trace of an unexpected error.
 */
export function runSynth(values: readonly EnvironmentValues[], options: SynthOptions = {}): void {
  const started = Date.now();
  try {
    const result = synthEnvironments(values, options);
    const cwd = process.cwd();
    for (const stack of result.stacks) {
      console.log(`synth: ${stack.name}: ${stack.resources} resources -> ${path.relative(cwd, stack.file)}`);
    }
    console.log(`synth: ${result.stacks.length} stack(s) in ${Date.now() - started} ms`);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`synth failed: ${error.problems.length} problem(s) in the environment config; nothing was written`);
      for (const line of error.message.split('\n')) console.error(`  - ${line}`);
    } else {
      console.error(`synth failed; nothing was written: ${(error as Error).message ?? String(error)}`);
      if (process.env.LAMBDA_VPC_DEBUG) console.error((error as Error).stack);
    }
    process.exitCode = 1;
  }
}
