#!/usr/bin/env node
// `npm run validate [-- --engine terraform|tofu]`: `init -backend=false` and `validate` with each engine the
// toolchain provides (Terraform and OpenTofu) and the providers from the mirror, for every synthesized stack, for
// the Terraform Cloud bootstrap stacks (synthesized here with every environment on the cloud backend, since the
// shipped ones use none) and for the stacks of every example that declares `"lambdaVpc": { "engineChecks": true }`
// (synthesized here by its own dist/main.js). Each check runs in a copy of the stack folder under
// .engine/validate/<engine>, with the override file that engine-drift.json calls for. An engine that is not available
// is reported skipped, with why.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandSpec, readOptions } from '../command-options';
import { repositoryRoot as root } from '../repository-root';
import type { Engine, EngineName } from './engines';
import { ENGINE_OPTION, engineLabel, engineSkipped, engineSummary, toolchainEngines } from './engines';
import { engineExamples, synthEngineExample } from './engine-examples';
import { copyStackWithOverrides, EngineDrift, fixtureValue, readDrift } from './overrides';
import { engineErrors, inParallel, oneAtATime, runEngine } from './run-engine';
import { bootstrapStacksForValidate, missingProviders, StackFolder, synthesizedStacks } from './stack-folders';
import { engineEnvironment, readToolchain, requireProvider, Toolchain } from './toolchain';

const workDir = path.join(root, '.engine', 'validate');
const STEP_TIMEOUT_MS = 5 * 60_000;

type Outcome = 'passed' | 'failed' | 'skipped';

/** What `npm run validate` accepts. */
export const VALIDATE_OPTIONS = { options: { engine: ENGINE_OPTION } } as const satisfies CommandSpec;

/** The one engine to run (every available engine when undefined); throws an OptionError. */
export function parseValidateOptions(argv: readonly string[]): { engine: EngineName | undefined } {
  const { values } = readOptions(argv, VALIDATE_OPTIONS);
  return { engine: values.engine as EngineName | undefined };
}

async function main(): Promise<void> {
  const options = parseValidateOptions(process.argv.slice(2));
  const toolchain = readToolchain();
  requireProvider(toolchain);
  const drift = readDrift();
  const providerBuild = toolchain.TOOLCHAIN_PROVIDER_BUILD;
  fs.rmSync(workDir, { recursive: true, force: true });
  const oidcThumbprints = fixtureValue(drift, providerBuild, 'aws_iam_openid_connect_provider', 'thumbprint_list');
  if (oidcThumbprints)
    console.log(
      `validate: bootstrap stacks synthesized with OIDC thumbprints ${JSON.stringify(oidcThumbprints)} for ` +
        `hashicorp/aws ${providerBuild} (engine-drift.json)`,
    );
  const stacks = [
    ...synthesizedStacks(),
    ...bootstrapStacksForValidate(path.join(workDir, 'bootstrap-synth'), { oidcThumbprints }),
    ...exampleStacksForValidate(path.join(workDir, 'examples-synth')),
  ];
  const engines = toolchainEngines(toolchain).filter((engine) => !options.engine || engine.name === options.engine);
  console.log(
    `validate: ${stacks.length} stacks with ${engines.map((engine) => engine.name).join(' and ')}, hashicorp/aws ` +
      `${providerBuild}` +
      (providerBuild === drift.provider.pinned
        ? ''
        : ` (the stacks pin ${drift.provider.pinned}; each copy overrides the pin, see engine-drift.json)`),
  );
  let failed = 0;
  let notesPrinted = false;
  for (const engine of engines) {
    if (engine.status !== 'available') {
      console.log(engineSkipped('validate', engine));
      continue;
    }
    failed += await validateWith(engine, stacks, { toolchain, drift, printNotes: !notesPrinted });
    notesPrinted = true;
  }
  if (failed > 0) process.exitCode = 1;
}

/** Every stack with one engine, 2 at a time: a line per stack and the engine's summary. Resolves to the failures. */
async function validateWith(
  engine: Engine,
  stacks: readonly StackFolder[],
  { toolchain, drift, printNotes }: { toolchain: Toolchain; drift: EngineDrift; printNotes: boolean },
): Promise<number> {
  const started = Date.now();
  const label = `validate: ${engineLabel(engine)}`;
  const env = engineEnvironment(toolchain);
  const initLock = oneAtATime();
  const results = await inParallel(stacks, 2, async (stack): Promise<Outcome> => {
    const missing = missingProviders(stack.json, toolchain, engine.registry);
    if (missing.length > 0) {
      console.log(
        `${label}: ${stack.name}: skipped (${missing.join(', ')} not in the provider mirror .tools/providers)`,
      );
      return 'skipped';
    }
    const copy = path.join(workDir, engine.name, stack.name);
    const providerBuild = toolchain.TOOLCHAIN_PROVIDER_BUILD;
    const notes = copyStackWithOverrides(stack.dir, copy, { drift, providerBuild, emulator: false });
    if (printNotes) for (const note of notes) console.log(`validate: ${stack.name}: override: ${note}`);
    const steps: [string, string[]][] = [
      ['init', ['init', '-backend=false', '-input=false', '-no-color']],
      ['validate', ['validate', '-no-color']],
    ];
    for (const [step, args] of steps) {
      const run = () => runEngine(engine.binary, args, { cwd: copy, env, timeoutMs: STEP_TIMEOUT_MS });
      const result = step === 'init' ? await initLock(run) : await run();
      if (result.code !== 0) {
        console.log(
          `${label}: ${stack.name}: FAILED at ` +
            `${step}${result.timedOut ? ' (timed out)' : ''}\n${indent(engineErrors(result.output))}`,
        );
        return 'failed';
      }
    }
    console.log(`${label}: ${stack.name}: passed`);
    return 'passed';
  });
  const count = (what: Outcome): number => results.filter((result) => result === what).length;
  console.log(
    engineSummary('validate', engine, {
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
      ms: Date.now() - started,
    }),
  );
  return count('failed');
}

/** The stacks of every engine-checked example, each synthesized by its own dist/main.js into `outdir/<folder>`. */
function exampleStacksForValidate(outdir: string): StackFolder[] {
  return engineExamples().flatMap((example) =>
    synthEngineExample(example, path.join(outdir, example.folder)).map(({ name, dir }) => ({
      name,
      dir,
      json: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as StackFolder['json'],
    })),
  );
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`validate: ${error.message}`);
    process.exitCode = 1;
  });
}
