#!/usr/bin/env node
// `npm run e2e [-- <stack>... --jobs N]`: every stack applied, re-planned and destroyed by the real engine
// against a local AWS emulator (moto), one emulator per environment, running as the environment's account.
// The stacks are synthesized in emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT) into .engine/e2e; the override
// file of engine-drift.json is added beside each. Per stack: apply; plan again, which must find no change;
// destroy; an empty state. A protected environment (protectFromDestroy) must first refuse the destroy, then
// is torn down the way the README says: protection off, apply, destroy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentConfig, EnvironmentInput } from '@lambda-vpc/stacks';
import { CommandSpec, readOptions, wholeNumberFrom } from '../command-options';
import { repositoryRoot as root } from '../repository-root';
import { startEmulator } from './emulator-server';
import { EngineDrift, readDrift, writeStackOverrides } from './overrides';
import { plannedChanges } from './plan-output';
import { EngineRun, engineErrors, inParallel, oneAtATime, runEngine, transportFault } from './run-engine';
import { environmentStacks, stateAddresses, taintedAddresses } from './stack-folders';
import { engineEnvironment, readToolchain, requireProvider, Toolchain } from './toolchain';

const workDir = path.join(root, '.engine', 'e2e');
const STEP_TIMEOUT_MS = 10 * 60_000;
const HEARTBEAT_MS = 60_000;
const RUN_TIMEOUT_MS = 60 * 60_000;

/** A failed step: which stack, which step, and the engine's own error text. */
class StepFailure extends Error {
  constructor(stack: string, step: string, detail: string) {
    super(
      `${stack}: FAILED at ${step}\n${detail
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')}`,
    );
  }
}

/** How one stack's steps ended. */
interface StepOutcome {
  readonly ok: boolean;
  failure?: StepFailure;
}

/** What `npm run e2e` accepts. */
export const E2E_OPTIONS = {
  positionals: '<stack>...',
  options: {
    jobs: { type: 'string', value: 'N', allowed: 'a whole number of 1 or more', valid: wholeNumberFrom(1) },
  },
} as const satisfies CommandSpec;

/** The stacks (every stack when none) and how many run at once (3 by default); throws an OptionError. */
export function parseE2eOptions(argv: readonly string[]): { stacks: string[]; jobs: number } {
  const { values, positionals } = readOptions(argv, E2E_OPTIONS);
  return { stacks: positionals, jobs: Number(values.jobs ?? 3) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseE2eOptions(process.argv.slice(2));
  const toolchain = readToolchain();
  requireProvider(toolchain);
  const drift = readDrift();
  const environments = environmentStacks(options.stacks);
  const count = environments.reduce((sum, environment) => sum + environment.stacks.length, 0);

  fs.rmSync(workDir, { recursive: true, force: true });
  const deadline = setTimeout(() => {
    console.error(`e2e: stopped after ${RUN_TIMEOUT_MS / 60_000} minutes`);
    process.exit(1);
  }, RUN_TIMEOUT_MS);
  deadline.unref();
  console.log(
    `e2e: ${count} stack(s) with ${path.basename(toolchain.TOOLCHAIN_ENGINE)}, hashicorp/aws ` +
      `${toolchain.TOOLCHAIN_PROVIDER_BUILD} ` +
      `and ${drift.emulator.name} ${drift.emulator.version} on 127.0.0.1, ${options.jobs} at a time`,
  );

  const results: { stack: string; failure: StepFailure | undefined }[] = [];
  for (const { config, values, stacks } of environments) {
    results.push(...(await runEnvironment(config, values, stacks, { toolchain, drift, jobs: options.jobs })));
  }

  const failed = results.filter((result) => result.failure);
  console.log(
    `e2e: ${results.length - failed.length} passed, ${failed.length} failed in ` +
      `${Math.round((Date.now() - started) / 1000)} s` +
      (failed.length > 0 ? ` (failed: ${failed.map((result) => result.stack).join(', ')})` : ''),
  );
  if (failed.length > 0) process.exitCode = 1;
}

/**
 * One environment's stacks against one emulator running as its account: deploy (apply, empty re-plan), the
 * protected teardown when the environment is protected, destroy. Resolves to { stack, failure } per stack.
 */
async function runEnvironment(
  config: EnvironmentConfig,
  values: EnvironmentInput,
  stacks: readonly string[],
  { toolchain, drift, jobs }: { toolchain: Toolchain; drift: EngineDrift; jobs: number },
): Promise<{ stack: string; failure: StepFailure | undefined }[]> {
  const { synthEnvironments, EMULATOR_VARIABLE } = require('@lambda-vpc/stacks') as typeof import('@lambda-vpc/stacks');
  const emulator = await startEmulator({
    motoServer: toolchain.TOOLCHAIN_MOTO_SERVER,
    accountId: config.accountId,
    logFile: path.join(workDir, `${config.name}.emulator.log`),
  });
  try {
    console.log(`e2e: ${config.name}: emulator ${emulator.endpoint} as account ${config.accountId}`);
    // Emulator mode through the stacks' own switch; the override file beside each stack, printed once.
    const synth = (environmentValues: EnvironmentInput, printNotes: boolean): void => {
      process.env[EMULATOR_VARIABLE] = emulator.endpoint;
      try {
        synthEnvironments([environmentValues], { outdir: path.join(workDir, config.name, 'cdktf.out') });
      } finally {
        delete process.env[EMULATOR_VARIABLE];
      }
      for (const stack of stacks) {
        const notes = writeStackOverrides(stackDir(config.name, stack), {
          drift,
          providerBuild: toolchain.TOOLCHAIN_PROVIDER_BUILD,
          emulator: true,
        });
        if (printNotes) for (const note of notes) console.log(`e2e: ${stack}: override: ${note}`);
      }
    };
    const run = stackRunner(toolchain, config.name, emulator.gone);
    synth(values, true);
    const deployed = await inParallel(stacks, jobs, (stack) => run.deploy(stack));
    let live = stacks.filter((_stack, i) => deployed[i].ok);
    if (config.protectFromDestroy && live.length > 0) {
      const refused = await inParallel(live, jobs, (stack) => run.destroyRefused(stack));
      console.log(
        `e2e: ${config.name}: protection off (protectFromDestroy: false), then apply, as the README's teardown says`,
      );
      synth({ ...values, protectFromDestroy: false }, false);
      const unprotected = await inParallel(live, jobs, (stack) => run.apply(stack, 'apply without protection'));
      live.forEach((stack, i) => {
        deployed[stacks.indexOf(stack)].failure ??= refused[i].failure ?? unprotected[i].failure;
      });
      live = live.filter((_stack, i) => unprotected[i].ok);
    }
    const destroyed = await inParallel(live, jobs, (stack) => run.destroy(stack));
    return stacks.map((stack, i) => {
      const failure = deployed[i].failure ?? destroyed[live.indexOf(stack)]?.failure;
      console.log(
        failure
          ? `e2e: ${failure.message.split('\n')[0]} (${run.times(stack)})`
          : `e2e: ${stack}: passed (${run.times(stack)})`,
      );
      return { stack, failure };
    });
  } finally {
    await emulator.stop();
  }
}

const stackDir = (environment: string, stack: string): string =>
  path.join(workDir, environment, 'cdktf.out', 'stacks', stack);

/** The reason an aborted signal gives, as the failure message prints it. */
const abortReason = (signal: AbortSignal): string => (signal.reason as Error).message;

/** The engine steps of one environment's stacks; each resolves to { ok, failure } and records its time. */
function stackRunner(toolchain: Toolchain, environment: string, emulatorGone: AbortSignal) {
  const env = engineEnvironment(toolchain);
  const initLock = oneAtATime();
  const timings = new Map<string, string[]>();
  const engine = async (stack: string, step: string, args: readonly string[]): Promise<EngineRun> => {
    const started = Date.now();
    const heartbeat = setInterval(
      () => console.log(`e2e: ${stack}: ${step} still running (${Math.round((Date.now() - started) / 1000)} s)`),
      HEARTBEAT_MS,
    );
    const run = await runEngine(toolchain.TOOLCHAIN_ENGINE, [...args, '-no-color'], {
      cwd: stackDir(environment, stack),
      env,
      timeoutMs: STEP_TIMEOUT_MS,
      signal: emulatorGone,
    }).finally(() => clearInterval(heartbeat));
    timings.set(stack, [...(timings.get(stack) ?? []), `${step} ${Math.round(run.ms / 1000)} s`]);
    // The engine's whole output, for what the failure message leaves out: .engine/e2e/<env>/logs/<stack>.<step>.log
    const logDir = path.join(workDir, environment, 'logs');
    fs.mkdirSync(logDir, { recursive: true });
    fs.writeFileSync(path.join(logDir, `${stack}.${step.replace(/ /g, '-')}.log`), run.output);
    return run;
  };
  // One retry, said aloud, when the emulator's connection broke mid-request (transportFault); apply converges
  // from a partial state and plan reads only, so running either again is safe. Both outputs stay in logs/.
  const engineOnce = async (stack: string, step: string, args: readonly string[]): Promise<EngineRun> => {
    const first = await engine(stack, step, args);
    const fault = first.code === 1 && !first.aborted && !first.timedOut ? transportFault(first.output) : null;
    if (fault === null) return first;
    console.log(
      `e2e: ${stack}: ${step} stopped on a broken emulator connection; retrying once. The engine said:\n    ${fault}`,
    );
    // A resource whose create was cut off by the broken connection exists but is tainted, and the retry would
    // replace it (which prevent_destroy refuses, and which no real apply would do). Untainted, the retry converges
    // it in place; the empty re-plan after apply still proves it matches the configuration.
    if (args[0] === 'apply') {
      for (const address of taintedAddresses(stateFile(environment, stack))) {
        console.log(`e2e: ${stack}: untaint ${address} (created before the connection broke)`);
        await engine(stack, `untaint ${address.replace(/[^\w.-]/g, '_')}`, ['untaint', address]);
      }
    }
    return engine(stack, `${step} retry`, args);
  };
  const ensure = async (stack: string, step: string, args: readonly string[]): Promise<EngineRun> => {
    const run = await engineOnce(stack, step, args);
    if (run.code !== 0)
      throw new StepFailure(
        stack,
        step,
        [
          run.timedOut ? 'timed out\n' : '',
          run.aborted ? `${abortReason(emulatorGone)}\n` : '',
          engineErrors(run.output),
        ].join(''),
      );
    return run;
  };
  const outcome = (steps: () => Promise<void>): Promise<StepOutcome> =>
    steps().then(
      () => ({ ok: true }),
      (failure: unknown) => {
        if (!(failure instanceof StepFailure)) throw failure;
        console.log(`e2e: ${failure.message}`);
        return { ok: false, failure };
      },
    );
  const init = (stack: string): Promise<EngineRun> => initLock(() => ensure(stack, 'init', ['init', '-input=false']));
  const apply = async (stack: string, step: string): Promise<void> => {
    await init(stack);
    await ensure(stack, step, ['apply', '-auto-approve', '-input=false']);
    const managed = stateAddresses(stateFile(environment, stack)).filter((address) => !address.startsWith('data.'));
    console.log(`e2e: ${stack}: ${step} ok (${managed.length} resources)`);
  };
  return {
    times: (stack: string): string => (timings.get(stack) ?? []).join(', '),
    apply: (stack: string, step: string): Promise<StepOutcome> => outcome(() => apply(stack, step)),
    deploy: (stack: string): Promise<StepOutcome> =>
      outcome(async () => {
        await apply(stack, 'apply');
        const plan = await engineOnce(stack, 'plan', ['plan', '-detailed-exitcode', '-input=false']);
        if (plan.code === 2)
          throw new StepFailure(stack, 'plan', `the plan after apply is not empty:\n${plannedChanges(plan.output)}`);
        if (plan.code !== 0) throw new StepFailure(stack, 'plan', engineErrors(plan.output));
        console.log(`e2e: ${stack}: plan after apply: no changes`);
      }),
    destroyRefused: (stack: string): Promise<StepOutcome> =>
      outcome(async () => {
        const plan = await engine(stack, 'destroy refused', ['plan', '-destroy', '-input=false']);
        if (plan.code === 0 || !/prevent_destroy/.test(plan.output)) {
          throw new StepFailure(
            stack,
            'destroy refused',
            `protectFromDestroy is on, but a destroy plan did not stop at ` +
              `prevent_destroy:\n${engineErrors(plan.output)}`,
          );
        }
        console.log(`e2e: ${stack}: destroy refused by prevent_destroy, as protectFromDestroy requires`);
      }),
    destroy: (stack: string): Promise<StepOutcome> =>
      outcome(async () => {
        // One retry, said aloud: once in about 25 runs of dev-nat-egress a destroy stopped with the subnet and
        // VPC still in state, and the next destroy removed them. Its output is kept as logs/<stack>.destroy.log.
        const first = await engine(stack, 'destroy', ['destroy', '-auto-approve', '-input=false']);
        if (first.code !== 0 && !first.aborted) {
          console.log(
            `e2e: ${stack}: destroy failed once; retrying. The engine said:\n${engineErrors(first.output)
              .split('\n')
              .map((line) => `    ${line}`)
              .join('\n')}`,
          );
          await ensure(stack, 'destroy retry', ['destroy', '-auto-approve', '-input=false']);
        } else if (first.code !== 0) {
          throw new StepFailure(stack, 'destroy', `${abortReason(emulatorGone)}\n${engineErrors(first.output)}`);
        }
        const left = stateAddresses(stateFile(environment, stack));
        if (left.length > 0)
          throw new StepFailure(
            stack,
            'empty state',
            `${left.length} resource(s) left in the state after destroy:\n${left.join('\n')}`,
          );
        console.log(`e2e: ${stack}: destroyed; the state is empty`);
      }),
  };
}

/** A stack's emulator state file: the stacks' `../../../terraform.<stack>.emulator.tfstate` from its folder. */
const stateFile = (environment: string, stack: string): string =>
  path.join(workDir, environment, `terraform.${stack}.emulator.tfstate`);

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`e2e: ${error.message}`);
    process.exitCode = 1;
  });
}
