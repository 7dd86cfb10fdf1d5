import * as fs from 'node:fs';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { evaluateGuardrails, formatViolation, GuardrailError, Suppression, Violation } from '@lambda-vpc/guardrails';
import { NetworkIntent, StackJson, stackVariant } from '@lambda-vpc/stack-model';
import { ConfigError } from './config/config-error';
import { DEBUG_VARIABLE, withoutCreationStacks } from './creation-stacks';
import { EnvironmentConfig, EnvironmentInput } from './config/environment-schema';
import { loadEnvironments } from './config/load-environments';
import { addEnvironmentStacks } from './environment-stacks';
import { BlueprintStack } from './shared/blueprint-stack';
import { EMULATOR_CONTEXT, emulatorEndpointFromEnvironment, emulatorStateFile } from './shared/emulator';
import { variantNamed } from './variants/registry';

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
  /** Guardrail findings that did not stop synth: warnings, and findings a resource suppresses with a reason. */
  readonly guardrails: { readonly warnings: readonly Violation[]; readonly suppressed: readonly Suppression[] };
  /** Milliseconds spent in each phase, in order, for the progress line and the bench. */
  readonly phases: SynthPhases;
  /** The local emulator every AWS call was pointed at (LAMBDA_VPC_EMULATOR_ENDPOINT), or `undefined` for AWS itself. */
  readonly emulatorEndpoint?: string;
}

/** Where a synth's time goes, in milliseconds. */
export interface SynthPhases {
  /** Validating the environment values. */
  readonly config: number;
  /** Building the constructs. */
  readonly constructs: number;
  /** cdktf's synthesis: resolving every token and writing the JSON and function zips. */
  readonly cdktf: number;
  /** Reading the JSON back and running the guardrails over it. */
  readonly guardrails: number;
  /** Replacing the previous output with the new one. */
  readonly output: number;
}

/**
 * Validates every environment, lets `build` add stacks to one app, and synthesizes it. The app writes to a
 * staging directory; the guardrails then read every stack's JSON, and only when all have passed does the
 * staging directory replace `outdir`, so a failure never leaves a half-written `cdktf.out`. Throws
 * {@link ConfigError} for bad values and `GuardrailError` for guardrail errors; what `build` throws passes through.
 */
export function synthStacks(
  values: readonly EnvironmentInput[] | (() => EnvironmentConfig[]),
  build: (app: App, configs: readonly EnvironmentConfig[]) => TerraformStack[],
  options: { readonly outdir?: string } = {},
): SynthResult {
  const lap = stopwatch();
  const configs = typeof values === 'function' ? values() : loadEnvironments(values);
  const emulatorEndpoint = emulatorEndpointFromEnvironment();
  const config = lap();
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = `${outdir}${STAGING_SUFFIX}${process.pid}`;
  removeAbandonedStaging(outdir);
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const stopWatching = removeWhenAbandoned(staging);
  try {
    const context = emulatorEndpoint === undefined ? {} : { [EMULATOR_CONTEXT]: emulatorEndpoint };
    const app = new App({ outdir: staging, skipValidation: false, context });
    const stacks = withoutCreationStacks(() => build(app, configs));
    const constructs = lap();
    withoutCreationStacks(() => app.synth());
    const cdktf = lap();
    // The guardrails read exactly what Terraform will, before any of it replaces the previous output.
    const synthesized = stacks.map((stack) => {
      const stackDirectory = path.join(staging, 'stacks', stack.node.id);
      const json = JSON.parse(fs.readFileSync(path.join(stackDirectory, 'cdk.tf.json'), 'utf8'));
      return {
        name: stack.node.id,
        json,
        report: evaluateGuardrails(stack.node.id, json, { intent: intentOf(stack, json), stackDirectory }),
      };
    });
    const errors = synthesized.flatMap((stack) => stack.report.errors);
    if (errors.length > 0) {
      throw new GuardrailError(errors);
    }
    const guardrails = lap();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    const phases = { config, constructs, cdktf, guardrails, output: lap() };
    return {
      outdir,
      stacks: synthesized.map(({ name, json }) => ({
        name,
        file: path.join(outdir, 'stacks', name, 'cdk.tf.json'),
        resources: Object.values((json as { resource?: Record<string, object> }).resource ?? {}).reduce(
          (sum, byName) => sum + Object.keys(byName).length,
          0,
        ),
      })),
      guardrails: {
        warnings: synthesized.flatMap((stack) => stack.report.warnings),
        suppressed: synthesized.flatMap((stack) => stack.report.suppressed),
      },
      phases,
      emulatorEndpoint,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    // The synth ended here, so the watcher has nothing left to do: one process synthesizing many times keeps none.
    stopWatching();
  }
}

/** Where a synth writes before its output replaces `outdir`: `<outdir>.staging-<pid>`. */
/**
 * The network intent a stack is held to: its variant module's, or, for a stack built outside the environments (an
 * example), the module its `variant` default tag names. A stack of no variant has none.
 */
function intentOf(stack: TerraformStack, json: StackJson): NetworkIntent | undefined {
  if (stack instanceof BlueprintStack) return stack.variant.intent;
  return variantNamed(stackVariant(json))?.intent;
}

const STAGING_SUFFIX = '.staging-';

/** Removes staging folders of synths that are no longer running (a process killed outright cannot clean up). */
function removeAbandonedStaging(outdir: string): void {
  const dir = path.dirname(outdir);
  const prefix = `${path.basename(outdir)}${STAGING_SUFFIX}`;
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    const pid = Number(entry.slice(prefix.length));
    if (entry.startsWith(prefix) && Number.isInteger(pid) && !isRunning(pid)) {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `staging` once this process is gone, however it ended (the returned function stops the watch): a synth is
 * synchronous, so a signal (Ctrl-C, or turbo stopping the other apps when one fails) ends it before any handler of its
 * own could run. A detached shell polls for the process and removes what is left; on a normal exit the folder is
 * already gone. Where there is no POSIX shell (Windows), the next synth's sweep removes it instead.
 */
function removeWhenAbandoned(staging: string): () => void {
  if (process.platform === 'win32') return () => undefined;
  const watcher = spawn(
    '/bin/sh',
    ['-c', 'while kill -0 "$0" 2>/dev/null; do sleep 0.2; done; rm -rf "$1"', String(process.pid), staging],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  watcher.on('error', () => undefined);
  watcher.unref();
  return () => {
    watcher.kill();
  };
}

/** A function that returns the whole milliseconds since it was made or last called. */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = Math.round(now - last);
    last = now;
    return elapsed;
  };
}

/** Every environment's variant stacks (and a team's own, through `addStacks`), synthesized by {@link synthStacks}. */
export function synthEnvironments(
  values: readonly EnvironmentInput[] | (() => EnvironmentConfig[]),
  options: SynthOptions = {},
): SynthResult {
  return synthStacks(
    values,
    (app, configs) => {
      const stacks: TerraformStack[] = configs.flatMap((config) => addEnvironmentStacks(app, config));
      options.addStacks?.(app, configs);
      return [
        ...stacks,
        ...app.node.children.filter(
          (child): child is TerraformStack => TerraformStack.isStack(child) && !stacks.includes(child),
        ),
      ];
    },
    options,
  );
}

/**
 * Runs a synth and reports it: guardrail warnings and suppressions, one line per stack, and on failure the
 * problems (no stack trace) and exit code 1. `handled` may claim an error (print its own message, exit 0).
 * Set LAMBDA_VPC_DEBUG=1 for the stack trace of an unexpected error (and token creation stacks).
 */
export function reportSynth(
  produce: () => SynthResult,
  what = 'stack(s)',
  handled?: (error: unknown) => boolean,
): void {
  const started = Date.now();
  try {
    const result = produce();
    const cwd = process.cwd();
    if (result.emulatorEndpoint !== undefined) {
      console.log(
        `synth: emulator mode: every AWS call goes to ${result.emulatorEndpoint} with fake credentials; ` +
          `local state ${emulatorStateFile('<stack>')}; not deployable to AWS`,
      );
    }
    // Findings that did not stop the synth go to stdout: the cdktf CLI shows every stderr line as [ERROR].
    for (const warning of result.guardrails.warnings) console.log(`guardrails: warning ${formatViolation(warning)}`);
    for (const suppression of result.guardrails.suppressed) {
      console.log(
        `guardrails: suppressed ${suppression.ruleId} at ${suppression.constructPath}: ${suppression.justification}`,
      );
    }
    for (const stack of result.stacks) {
      console.log(`synth: ${stack.name}: ${stack.resources} resources -> ${path.relative(cwd, stack.file)}`);
    }
    const phases = Object.entries(result.phases)
      .map(([phase, ms]) => `${phase} ${ms}`)
      .join(', ');
    console.log(`synth: ${result.stacks.length} ${what} in ${Date.now() - started} ms (${phases})`);
  } catch (error) {
    if (handled?.(error)) return;
    reportSynthFailure(error);
  }
}

/**
 * Prints why a synth failed, without a stack trace (set LAMBDA_VPC_DEBUG=1 for one of an unexpected error), and
 * sets exit code 1: config problems and guardrail errors one line each, anything else in one line.
 */
export function reportSynthFailure(error: unknown): void {
  if (error instanceof ConfigError) {
    console.error(`synth failed: ${error.problems.length} problem(s) in the environment config; nothing was written`);
    for (const line of error.message.split('\n')) console.error(`  - ${line}`);
  } else if (error instanceof GuardrailError) {
    console.error(`synth failed: ${error.violations.length} guardrail error(s); nothing was written`);
    for (const violation of error.violations) console.error(`  - ${formatViolation(violation)}`);
  } else {
    console.error(`synth failed; nothing was written: ${(error as Error).message ?? String(error)}`);
    if (process.env[DEBUG_VARIABLE]) console.error((error as Error).stack);
  }
  process.exitCode = 1;
}

/** The main of every environment app: {@link synthEnvironments}, reported by {@link reportSynth}. */
export function runSynth(
  values: readonly EnvironmentInput[] | (() => EnvironmentConfig[]),
  options: SynthOptions = {},
): void {
  reportSynth(() => synthEnvironments(values, options));
}
