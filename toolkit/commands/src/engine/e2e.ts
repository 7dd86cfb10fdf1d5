#!/usr/bin/env node
// `npm run e2e [-- <stack>... --jobs N --engine terraform|tofu]`: every stack applied, re-planned and destroyed by
// the real engine (the toolchain's default, or the one named) against a local AWS emulator (moto), one emulator per
// environment, running as the environment's account.
// The stacks are synthesized in emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT) into .engine/e2e; the override
// file of engine-drift.json is added beside each. Per stack: apply; plan again, which must find no change;
// destroy; an empty state. A protected environment (protectFromDestroy) must first refuse the destroy (plan -destroy
// and destroy -auto-approve both stop at prevent_destroy, the state file's serial and resources unchanged), then
// is torn down the way the README says: protection off, apply, destroy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentConfig, EnvironmentInput } from '@lambda-vpc/stacks';
import { CommandSpec, readOptions, wholeNumberFrom } from '../command-options';
import { repositoryRoot as root } from '../repository-root';
import { startEmulator } from './emulator-server';
import type { Engine, EngineName } from './engines';
import {
  closeEngineCheck,
  defaultEngine,
  ENGINE_OPTION,
  engineLabel,
  engineSkipped,
  toolchainEngine,
  withEngine,
} from './engines';
import { EngineDrift, readDrift, writeStackOverrides } from './overrides';
import { inParallel, stopAfter } from './run-engine';
import { environmentStacks } from './stack-folders';
import { stackFolderIn, stackRunner, StepFailure } from './stack-steps';
import { readToolchain, requireProvider, Toolchain } from './toolchain';

const workDir = path.join(root, '.engine', 'e2e');
const RUN_TIMEOUT_MS = 60 * 60_000;

/** What `npm run e2e` accepts. */
export const E2E_OPTIONS = {
  positionals: '<stack>...',
  options: {
    jobs: { type: 'string', value: 'N', allowed: 'a whole number of 1 or more', valid: wholeNumberFrom(1) },
    engine: ENGINE_OPTION,
  },
} as const satisfies CommandSpec;

/** What `npm run e2e` was asked for. */
export interface E2eOptions {
  /** The stacks; every stack when none. */
  readonly stacks: string[];
  /** How many run at once. @default 3 */
  readonly jobs: number;
  /** The engine. @default the toolchain's default engine (undefined here) */
  readonly engine: EngineName | undefined;
}

/** The stacks, how many run at once and the engine; throws an OptionError. */
export function parseE2eOptions(argv: readonly string[]): E2eOptions {
  const { values, positionals } = readOptions(argv, E2E_OPTIONS);
  return { stacks: positionals, jobs: Number(values.jobs ?? 3), engine: values.engine as EngineName | undefined };
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseE2eOptions(process.argv.slice(2));
  const found = readToolchain();
  requireProvider(found);
  const engine = toolchainEngine(found, options.engine ?? defaultEngine(found));
  const drift = readDrift();
  const environments = environmentStacks(options.stacks);
  const count = environments.reduce((sum, environment) => sum + environment.stacks.length, 0);
  // An engine that is not available is said so, and is no failure of the stacks.
  if (engine.status !== 'available') {
    console.log(engineSkipped('e2e', engine));
    return;
  }
  const toolchain = withEngine(found, engine);

  fs.rmSync(workDir, { recursive: true, force: true });
  stopAfter('e2e', RUN_TIMEOUT_MS);
  console.log(
    `e2e: ${count} stack(s) with ${engineLabel(engine)}, hashicorp/aws ` +
      `${toolchain.TOOLCHAIN_PROVIDER_BUILD} ` +
      `and ${drift.emulator.name} ${drift.emulator.version} on 127.0.0.1, ${options.jobs} at a time`,
  );

  const results: { stack: string; failure: StepFailure | undefined }[] = [];
  for (const { config, values, stacks } of environments) {
    results.push(...(await runEnvironment(config, values, stacks, { toolchain, engine, drift, jobs: options.jobs })));
  }

  closeEngineCheck('e2e', engine, results, started);
}

/**
 * One environment's stacks against one emulator running as its account: deploy (apply, empty re-plan), the
 * protected teardown when the environment is protected, destroy. Resolves to { stack, failure } per stack.
 */
async function runEnvironment(
  config: EnvironmentConfig,
  values: EnvironmentInput,
  stacks: readonly string[],
  { toolchain, engine, drift, jobs }: { toolchain: Toolchain; engine: Engine; drift: EngineDrift; jobs: number },
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
    const folder = path.join(workDir, config.name);
    const synth = (environmentValues: EnvironmentInput, printNotes: boolean): void => {
      process.env[EMULATOR_VARIABLE] = emulator.endpoint;
      try {
        synthEnvironments([environmentValues], { outdir: path.join(folder, 'cdktf.out') });
      } finally {
        delete process.env[EMULATOR_VARIABLE];
      }
      for (const stack of stacks) {
        const notes = writeStackOverrides(stackFolderIn(folder, stack), {
          drift,
          providerBuild: toolchain.TOOLCHAIN_PROVIDER_BUILD,
          emulator: true,
        });
        if (printNotes) for (const note of notes) console.log(`e2e: ${stack}: override: ${note}`);
      }
    };
    const run = stackRunner({ toolchain, folder, emulatorGone: emulator.gone, prefix: 'e2e' });
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
      const label = `e2e: ${engineLabel(engine)}`;
      console.log(
        failure
          ? `${label}: ${failure.message.split('\n')[0]} (${run.times(stack)})`
          : `${label}: ${stack}: passed (${run.times(stack)})`,
      );
      return { stack, failure };
    });
  } finally {
    await emulator.stop();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`e2e: ${error.message}`);
    process.exitCode = 1;
  });
}
