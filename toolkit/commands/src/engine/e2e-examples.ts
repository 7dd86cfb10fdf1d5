#!/usr/bin/env node
// `npm run e2e:examples [-- <example-folder>... --engine terraform|tofu]`: every example that declares
// `"lambdaVpc": { "engineChecks": true }` in its package.json applied, re-planned and destroyed by the real engine
// against a local AWS emulator (moto), one emulator per example, running as the example's account. Each example is
// synthesized by its own dist/main.js in emulator mode (CDKTF_OUTDIR and LAMBDA_VPC_EMULATOR_ENDPOINT) into
// .engine/e2e-examples/<folder>, with engine-drift.json's override file beside each stack. Its stacks are applied one
// by one in the app's order, each then planned again, which must find no change; then destroyed in reverse order,
// each leaving an empty state.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandSpec, readOptions } from '../command-options';
import { repositoryRoot as root } from '../repository-root';
import { startEmulator } from './emulator-server';
import { EngineExample, ExampleStack, selectEngineExamples, stackAccount, synthEngineExample } from './engine-examples';
import { availableEngine, closeEngineCheck, Engine, ENGINE_OPTION, engineLabel, EngineName } from './engines';
import { EngineDrift, readDrift, writeStackOverrides } from './overrides';
import { stopAfter } from './run-engine';
import { stackRunner, StepFailure } from './stack-steps';
import type { Toolchain } from './toolchain';

const PREFIX = 'e2e:examples';
const workDir = path.join(root, '.engine', 'e2e-examples');
const RUN_TIMEOUT_MS = 60 * 60_000;

/** What `npm run e2e:examples` accepts. */
export const E2E_EXAMPLES_OPTIONS = {
  positionals: '<example-folder>...',
  options: { engine: ENGINE_OPTION },
} as const satisfies CommandSpec;

/** The example folders (every engine-checked example when none) and the engine; throws an OptionError. */
export function parseE2eExamplesOptions(argv: readonly string[]): {
  examples: string[];
  engine: EngineName | undefined;
} {
  const { values, positionals } = readOptions(argv, E2E_EXAMPLES_OPTIONS);
  return { examples: positionals, engine: values.engine as EngineName | undefined };
}

/** How one stack of an example ended. */
interface StackResult {
  readonly stack: string;
  readonly failure: StepFailure | undefined;
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseE2eExamplesOptions(process.argv.slice(2));
  const examples = selectEngineExamples(options.examples);
  // An engine that is not available is said so, and is no failure of the examples.
  const available = availableEngine(PREFIX, options.engine);
  if (!available) return;
  const { toolchain, engine } = available;
  const drift = readDrift();
  fs.rmSync(workDir, { recursive: true, force: true });
  stopAfter(PREFIX, RUN_TIMEOUT_MS);
  console.log(
    `${PREFIX}: ${examples.length} example(s) (${examples.map((example) => example.folder).join(', ')}) with ` +
      `${engineLabel(engine)}, hashicorp/aws ${toolchain.TOOLCHAIN_PROVIDER_BUILD} and ${drift.emulator.name} ` +
      `${drift.emulator.version} on 127.0.0.1, one emulator per example`,
  );

  const results: StackResult[] = [];
  for (const example of examples) results.push(...(await runExample(example, { toolchain, engine, drift })));

  closeEngineCheck(PREFIX, engine, results, started);
}

/**
 * One example against its own emulator: synthesized in emulator mode, each stack applied and re-planned in the app's
 * order (a stack after one that failed is not applied), the applied ones destroyed in reverse order.
 */
async function runExample(
  example: EngineExample,
  { toolchain, engine, drift }: { toolchain: Toolchain; engine: Engine; drift: EngineDrift },
): Promise<StackResult[]> {
  const folder = path.join(workDir, example.folder);
  const outdir = path.join(folder, 'cdktf.out');
  // The account first, from a plain synth: the emulator must run as it before the emulator-mode synth can name it.
  const stacks = synthEngineExample(example, path.join(folder, 'account-synth'));
  const accounts = [...new Set(stacks.map(stackAccount))];
  if (accounts.length !== 1) {
    throw new Error(
      `examples/${example.folder}: its stacks name accounts ${accounts.join(', ')}; allowed: one account, which ` +
        'its emulator runs as',
    );
  }
  const emulator = await startEmulator({
    motoServer: toolchain.TOOLCHAIN_MOTO_SERVER,
    accountId: accounts[0],
    logFile: path.join(folder, 'emulator.log'),
  });
  try {
    console.log(`${PREFIX}: ${example.folder}: emulator ${emulator.endpoint} as account ${accounts[0]}`);
    const emulated = synthEngineExample(example, outdir, { emulator: emulator.endpoint });
    console.log(
      `${PREFIX}: ${example.folder}: synthesized by examples/${example.folder}/dist/main.js: ` +
        emulated.map((stack) => stack.name).join(', '),
    );
    for (const stack of emulated) {
      const notes = writeStackOverrides(stack.dir, {
        drift,
        providerBuild: toolchain.TOOLCHAIN_PROVIDER_BUILD,
        emulator: true,
      });
      for (const note of notes) console.log(`${PREFIX}: ${stack.name}: override: ${note}`);
    }
    const run = stackRunner({ toolchain, folder, emulatorGone: emulator.gone, prefix: PREFIX });
    return await applyAndDestroy(emulated, run, engine);
  } finally {
    await emulator.stop();
  }
}

/** Deploys the stacks in order until one fails, then destroys the deployed ones in reverse order. */
async function applyAndDestroy(
  stacks: readonly ExampleStack[],
  run: ReturnType<typeof stackRunner>,
  engine: Engine,
): Promise<StackResult[]> {
  const failures = new Map<string, StepFailure | undefined>();
  const applied: string[] = [];
  for (const { name } of stacks) {
    if ([...failures.values()].some(Boolean)) {
      failures.set(name, new StepFailure(name, 'apply', 'not applied: a stack before it failed'));
      continue;
    }
    const deployed = await run.deploy(name);
    // Even a stack whose apply failed may have created resources: it is destroyed too.
    applied.push(name);
    failures.set(name, deployed.failure);
  }
  for (const name of [...applied].reverse()) {
    const destroyed = await run.destroy(name);
    if (!failures.get(name)) failures.set(name, destroyed.failure);
  }
  return stacks.map(({ name }) => {
    const failure = failures.get(name);
    const label = `${PREFIX}: ${engineLabel(engine)}`;
    console.log(
      failure
        ? `${label}: ${failure.message.split('\n')[0]} (${run.times(name)})`
        : `${label}: ${name}: passed (${run.times(name)})`,
    );
    return { stack: name, failure };
  });
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`${PREFIX}: ${error.message}`);
    process.exitCode = 1;
  });
}
