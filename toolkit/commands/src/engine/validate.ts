#!/usr/bin/env node
// `npm run validate`: `init -backend=false` and `validate` with the real engine and the hashicorp/aws provider
// from the mirror, for every synthesized stack and for the Terraform Cloud bootstrap stacks (synthesized here
// with every environment on the cloud backend, since the shipped ones use none). Each check runs in a copy of
// the stack folder under .engine/validate, with the override file that engine-drift.json calls for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';
import { copyStackWithOverrides, fixtureValue, readDrift } from './overrides';
import { engineErrors, inParallel, oneAtATime, runEngine } from './run-engine';
import { bootstrapStacksForValidate, missingProviders, synthesizedStacks } from './stack-folders';
import { engineEnvironment, readToolchain, requireProvider } from './toolchain';

const workDir = path.join(root, '.engine', 'validate');
const STEP_TIMEOUT_MS = 5 * 60_000;

type Outcome = 'passed' | 'failed' | 'skipped';

async function main(): Promise<void> {
  const started = Date.now();
  const toolchain = readToolchain();
  requireProvider(toolchain);
  const drift = readDrift();
  const providerBuild = toolchain.TOOLCHAIN_PROVIDER_BUILD;
  const env = engineEnvironment(toolchain);
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
  ];
  console.log(
    `validate: ${stacks.length} stacks with ${path.basename(toolchain.TOOLCHAIN_ENGINE)} and hashicorp/aws ` +
      `${providerBuild}` +
      (providerBuild === drift.provider.pinned
        ? ''
        : ` (the stacks pin ${drift.provider.pinned}; each copy overrides the pin, see engine-drift.json)`),
  );

  const initLock = oneAtATime();
  const results = await inParallel(stacks, 2, async (stack): Promise<Outcome> => {
    const missing = missingProviders(stack.json, toolchain);
    if (missing.length > 0) {
      console.log(
        `validate: ${stack.name}: skipped (${missing.join(', ')} not in the provider mirror .tools/providers)`,
      );
      return 'skipped';
    }
    const copy = path.join(workDir, stack.name);
    const notes = copyStackWithOverrides(stack.dir, copy, { drift, providerBuild, emulator: false });
    for (const note of notes) console.log(`validate: ${stack.name}: override: ${note}`);
    const steps: [string, string[]][] = [
      ['init', ['init', '-backend=false', '-input=false', '-no-color']],
      ['validate', ['validate', '-no-color']],
    ];
    for (const [step, args] of steps) {
      const engine = () => runEngine(toolchain.TOOLCHAIN_ENGINE, args, { cwd: copy, env, timeoutMs: STEP_TIMEOUT_MS });
      const run = step === 'init' ? await initLock(engine) : await engine();
      if (run.code !== 0) {
        console.log(
          `validate: ${stack.name}: FAILED at ` +
            `${step}${run.timedOut ? ' (timed out)' : ''}\n${indent(engineErrors(run.output))}`,
        );
        return 'failed';
      }
    }
    console.log(`validate: ${stack.name}: passed`);
    return 'passed';
  });

  const count = (what: Outcome): number => results.filter((result) => result === what).length;
  const skipped = count('skipped');
  console.log(
    `validate: ${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''} in ` +
      `${Math.round((Date.now() - started) / 1000)} s`,
  );
  if (count('failed') > 0) process.exitCode = 1;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

main().catch((error: Error) => {
  console.error(`validate: ${error.message}`);
  process.exitCode = 1;
});
